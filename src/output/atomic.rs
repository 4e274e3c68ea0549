//! Output files that never clobber what they should not.
//!
//! A regular file (or a path where nothing is yet) is written under a
//! temporary name beside it and renamed into place only once complete, so a
//! failed or killed run never leaves a truncated output file. Symbolic links
//! are followed: the file they lead to is replaced and the link stays. What is
//! not a regular file — a character device such as `/dev/null`, a FIFO, a
//! socket, or a process's open descriptor (`/dev/stdout`, `/proc/self/fd/N`,
//! `/dev/fd/N`) — is opened and written in place, streamed, never renamed
//! over. A directory is refused.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};

/// Symbolic links followed before a path is given up on (Linux's limit).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path` atomically (in place for a device or FIFO).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// What an output path leads to, once its links are followed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A regular file, or nothing yet: written beside it and renamed over
    /// it. Holds the final path and the permissions of the file replaced.
    Replace(PathBuf, Option<Permissions>),
    /// A device, FIFO, socket or open descriptor: written in place.
    InPlace(PathBuf),
}

/// True when `path` leads to something written in place (a device, FIFO,
/// socket or descriptor) rather than a file replaced atomically. Errors when
/// it is a directory or its links cannot be followed.
pub fn writes_in_place(path: &Path) -> io::Result<bool> {
    Ok(matches!(resolve(path)?, Target::InPlace(_)))
}

/// Follows `dest`'s symbolic links to what will be written.
fn resolve(dest: &Path) -> io::Result<Target> {
    let mut path = dest.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_descriptor_link(&path) {
            // /proc/self/fd/1 names an open file, pipe or terminal: the
            // link's target may not even be a path ("pipe:[1234]").
            return match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => Err(is_a_directory()),
                _ => Ok(Target::InPlace(path)),
            };
        }
        let meta = match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Target::Replace(path, None))
            }
            Err(e) => return Err(e),
            Ok(meta) => meta,
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let link = fs::read_link(&path)?;
            path = match path.parent() {
                Some(dir) if link.is_relative() => dir.join(link),
                _ => link,
            };
        } else if kind.is_dir() {
            return Err(is_a_directory());
        } else if kind.is_file() {
            return Ok(Target::Replace(path, Some(meta.permissions())));
        } else {
            return Ok(Target::InPlace(path));
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// A path inside `/proc` or `/dev/fd`: a process's descriptor or another
/// kernel object, never a file to rename over.
fn is_descriptor_link(path: &Path) -> bool {
    let mut parts = path.components();
    if parts.next() != Some(Component::RootDir) {
        return false;
    }
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(top)), _) if top == "proc" => true,
        (Some(Component::Normal(top)), Some(Component::Normal(sub))) => top == "dev" && sub == "fd",
        _ => false,
    }
}

fn is_a_directory() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "is a directory")
}

/// Where the bytes of an [`AtomicFile`] go until it is committed.
enum Staging {
    /// A temporary file beside `dest`, renamed over it on commit.
    Temp {
        temp: PathBuf,
        permissions: Option<Permissions>,
    },
    /// Straight into `dest` (a device, FIFO or descriptor).
    InPlace,
}

/// An output file: a regular file is written under a temporary name beside
/// its destination and renamed into place by [`AtomicFile::commit`] (dropped
/// uncommitted, the temporary file is removed); a device, FIFO or descriptor
/// is written in place (see the module docs).
pub struct AtomicFile {
    /// The path as the caller named it (for messages).
    named: PathBuf,
    /// The path written, its links followed.
    target: PathBuf,
    staging: Staging,
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Opens the output for `dest`. Fails when `dest` is a directory, its
    /// links cannot be followed, or its directory cannot be written.
    pub fn create(dest: &Path) -> io::Result<Self> {
        let (dest_path, staging, file) = match resolve(dest)? {
            Target::InPlace(path) => {
                let file = open_in_place(&path)?;
                (path, Staging::InPlace, file)
            }
            Target::Replace(path, permissions) => {
                let (temp, file) = create_temp_beside(&path)?;
                (path, Staging::Temp { temp, permissions }, file)
            }
        };
        Ok(AtomicFile {
            named: dest.to_path_buf(),
            target: dest_path,
            staging,
            out: Some(BufWriter::new(file)),
        })
    }

    /// The path the caller named.
    pub fn dest(&self) -> &Path {
        &self.named
    }

    /// Flushes the output; a regular file is synced and renamed into place
    /// (keeping the permissions of the file it replaces).
    pub fn commit(mut self) -> io::Result<()> {
        let out = self
            .out
            .take()
            .ok_or_else(|| io::Error::other("file already committed"))?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        let Staging::Temp { temp, permissions } = &self.staging else {
            return Ok(());
        };
        file.sync_all()?;
        drop(file);
        if let Some(permissions) = permissions {
            fs::set_permissions(temp, permissions.clone())?;
        }
        fs::rename(temp, &self.target)
    }

    fn out(&mut self) -> io::Result<&mut BufWriter<File>> {
        self.out
            .as_mut()
            .ok_or_else(|| io::Error::other("file already committed"))
    }
}

/// Opens a device, FIFO or descriptor for writing where it is. A regular
/// file reached through a descriptor (`/dev/stdout` redirected to a file) is
/// appended to, so a shell's `>>` keeps what it held.
fn open_in_place(path: &Path) -> io::Result<File> {
    let regular = fs::metadata(path).is_ok_and(|m| m.is_file());
    OpenOptions::new().write(true).append(regular).open(path)
}

/// Creates a fresh temporary file in `dest`'s directory.
fn create_temp_beside(dest: &Path) -> io::Result<(PathBuf, File)> {
    let name = dest
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let base = format!(".{}.{}", name.to_string_lossy(), std::process::id());
    let mut attempt = 0u32;
    loop {
        let temp = dir.join(format!("{base}.{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out()?.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Uncommitted (an error happened): leave no temporary file behind.
        // After a failed commit the rename did not happen, so the same holds.
        if let Staging::Temp { temp, .. } = &self.staging {
            let _ = fs::remove_file(temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("baocao-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn atomic_file_leaves_nothing_when_dropped() {
        let dir = temp_dir("drop");
        let dest = dir.join("x.json");
        {
            let mut f = AtomicFile::create(&dest).expect("create");
            f.write_all(b"partial").expect("write");
        }
        assert!(!dest.exists());
        assert_eq!(fs::read_dir(&dir).expect("list").count(), 0);
        write_atomic(&dest, b"{}\n").expect("write");
        assert_eq!(fs::read(&dest).expect("read"), b"{}\n");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_symlink_stays_and_its_target_is_replaced() {
        let dir = temp_dir("link");
        fs::create_dir_all(dir.join("data")).expect("dir");
        fs::write(dir.join("data/out.jsonl"), b"old\n").expect("target");
        std::os::unix::fs::symlink("data/out.jsonl", dir.join("link.jsonl")).expect("link");
        // A dangling link: its target is created.
        std::os::unix::fs::symlink("data/new.jsonl", dir.join("dangling.jsonl")).expect("link");
        write_atomic(&dir.join("link.jsonl"), b"new\n").expect("write");
        write_atomic(&dir.join("dangling.jsonl"), b"fresh\n").expect("write");
        for (link, target, text) in [
            ("link.jsonl", "data/out.jsonl", "new\n"),
            ("dangling.jsonl", "data/new.jsonl", "fresh\n"),
        ] {
            let meta = fs::symlink_metadata(dir.join(link)).expect("link meta");
            assert!(meta.file_type().is_symlink(), "{link} is still a link");
            assert_eq!(fs::read_to_string(dir.join(target)).expect("read"), text);
        }
        assert_eq!(fs::read_dir(dir.join("data")).expect("list").count(), 2);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_fifo_is_written_in_place_to_its_reader() {
        let dir = temp_dir("fifo");
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(&fifo).expect("read fifo"))
        };
        assert!(writes_in_place(&fifo).expect("resolve"));
        write_atomic(&fifo, b"{\"a\":1}\n").expect("write");
        assert_eq!(reader.join().expect("reader"), b"{\"a\":1}\n");
        let kind = fs::symlink_metadata(&fifo).expect("meta").file_type();
        assert!(kind.is_fifo(), "the FIFO is still a FIFO");
        assert_eq!(fs::read_dir(&dir).expect("list").count(), 1);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_descriptor_path_is_written_in_place() {
        use std::os::fd::AsRawFd;
        let dir = temp_dir("fd");
        let path = dir.join("stdout.txt");
        let file = File::create(&path).expect("create");
        let inode = fs::metadata(&path).expect("meta").ino();
        let fd_path = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        assert!(writes_in_place(&fd_path).expect("resolve"));
        write_atomic(&fd_path, b"one\n").expect("write");
        write_atomic(&fd_path, b"two\n").expect("write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "one\ntwo\n");
        assert_eq!(
            fs::metadata(&path).expect("meta").ino(),
            inode,
            "not renamed over"
        );
        drop(file);
        assert!(writes_in_place(Path::new("/dev/null")).expect("resolve"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_directory_is_refused_and_permissions_are_kept() {
        let dir = temp_dir("dir");
        let err = AtomicFile::create(&dir)
            .err()
            .expect("a directory is refused");
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let dest = dir.join("private.jsonl");
        fs::write(&dest, b"old").expect("write");
        fs::set_permissions(&dest, Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&dest, b"new").expect("replace");
        assert_eq!(fs::metadata(&dest).expect("meta").mode() & 0o777, 0o600);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn descriptor_paths_are_told_apart() {
        assert!(is_descriptor_link(Path::new("/proc/self/fd/1")));
        assert!(is_descriptor_link(Path::new("/dev/fd/3")));
        assert!(!is_descriptor_link(Path::new("/dev/shm/out.jsonl")));
        assert!(!is_descriptor_link(Path::new("proc/out.jsonl")));
    }
}
