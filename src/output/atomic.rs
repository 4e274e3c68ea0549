//! Atomic file writes: a file is written under a temporary name beside its
//! destination and renamed into place only once complete, so a failed or
//! killed run never leaves a truncated output file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file written under a temporary name beside its destination and renamed
/// into place by [`AtomicFile::commit`]; dropped uncommitted, it is removed.
pub struct AtomicFile {
    dest: PathBuf,
    temp: PathBuf,
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file for `dest`. Fails when `dest` is a
    /// directory or its directory cannot be written.
    pub fn create(dest: &Path) -> io::Result<Self> {
        if dest.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "is a directory",
            ));
        }
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
                Ok(file) => {
                    return Ok(AtomicFile {
                        dest: dest.to_path_buf(),
                        temp,
                        out: Some(BufWriter::new(file)),
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The path the file is renamed to on [`AtomicFile::commit`].
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Flushes, syncs and renames the file to its destination.
    pub fn commit(mut self) -> io::Result<()> {
        let out = self
            .out
            .take()
            .ok_or_else(|| io::Error::other("file already committed"))?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&self.temp, &self.dest)
    }

    fn out(&mut self) -> io::Result<&mut BufWriter<File>> {
        self.out
            .as_mut()
            .ok_or_else(|| io::Error::other("file already committed"))
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
        // Uncommitted (an error happened): leave nothing behind.
        // After a failed commit the rename did not happen, so the same holds.
        let _ = fs::remove_file(&self.temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_file_leaves_nothing_when_dropped() {
        let dir = std::env::temp_dir().join(format!("baocao-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("temp dir");
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
}
