//! The `baocao` binary: a thin shell over [`baocao::cli`].

fn main() -> std::process::ExitCode {
    baocao::cli::run(std::env::args_os())
}
