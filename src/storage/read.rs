//! Reading a pathway file's text: UTF-8, within a size limit; a large file in parts on
//! every core.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::{
    LoadError, MAX_FILE_BYTES, STDIN_NAME, dangling, invalid, position_of, split, too_large,
};

/// The UTF-8 text of a file of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Result<String, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(|e| dangling(path, e))?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit {
        return Err(too_large(path, size, limit));
    }
    if size >= split::PARALLEL_FROM as u64
        && let Some(text) = read_in_parts(&file, size as usize, path)?
    {
        return Ok(text);
    }
    read_limited(file, size, path, limit)
}

/// Standard input's text, with the same limit as a file's.
pub fn read_stdin() -> Result<String, LoadError> {
    read_limited(
        std::io::stdin().lock(),
        0,
        Path::new(STDIN_NAME),
        MAX_FILE_BYTES,
    )
}

/// Reads at most one byte past the limit: a file's length can change between stat and
/// read (or lie, for special files), and a pipe has none.
fn read_limited(
    reader: impl Read,
    expected: u64,
    path: &Path,
    limit: u64,
) -> Result<String, LoadError> {
    let mut bytes = Vec::with_capacity(expected.min(limit) as usize);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit));
    }
    utf8(bytes, path)
}

/// The bytes as text, or where they stop being UTF-8.
fn utf8(bytes: Vec<u8>, path: &Path) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).expect("valid_up_to is valid");
        invalid(
            path,
            Some(position_of(valid, valid.len())),
            "file is not UTF-8 text (a pathway file must be UTF-8)".to_string(),
        )
    })
}

/// A large file read in two parts at once, each part's pages faulted in and copied on a
/// core of its own (most of reading 100 MB is that). `None` when the file is not exactly
/// `size` bytes now (it changed since its size was read): then it is read from the start.
#[cfg(unix)]
fn read_in_parts(file: &File, size: usize, path: &Path) -> Result<Option<String>, LoadError> {
    use std::os::unix::fs::FileExt;
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = vec![0; size];
    let (first, second) = bytes.split_at_mut(size / 2);
    let offset = first.len() as u64;
    let (b, a) = crate::threads::both(
        move || file.read_exact_at(second, offset),
        || file.read_exact_at(first, 0),
    );
    for result in [a, b] {
        match result {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(io(e)),
        }
    }
    // Nothing past the end: the file has not grown.
    if file.read_at(&mut [0], size as u64).map_err(io)? != 0 {
        return Ok(None);
    }
    utf8(bytes, path).map(Some)
}

#[cfg(not(unix))]
fn read_in_parts(_: &File, _: usize, _: &Path) -> Result<Option<String>, LoadError> {
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text of `split::PARALLEL_FROM` bytes and more, of many lines, with characters of
    /// two, three and four bytes around its middle.
    fn large() -> String {
        let line = "    name: \"Children's community nursing\",\n";
        let half = line.repeat(split::PARALLEL_FROM / line.len() / 2 + 1);
        format!("{half}é€😀 mid-file\n{half}")
    }

    fn written(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.ron");
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn a_large_file_reads_whole_in_parts() {
        let text = large();
        let (_dir, path) = written(text.as_bytes());
        let file = File::open(&path).unwrap();
        let read = read_in_parts(&file, text.len(), &path).unwrap();
        if cfg!(unix) {
            assert!(read.as_deref() == Some(text.as_str()));
        }
        assert!(read_text(&path, MAX_FILE_BYTES).unwrap() == text);
    }

    #[test]
    fn a_large_file_read_as_a_different_size_is_read_from_the_start() {
        let text = large();
        let (_dir, path) = written(text.as_bytes());
        let file = File::open(&path).unwrap();
        // As if the file had grown or shrunk since its size was read.
        for size in [text.len() - 1, text.len() + 1] {
            assert!(
                read_in_parts(&file, size, &path).unwrap().is_none(),
                "{size}"
            );
        }
    }

    #[test]
    fn a_large_file_that_is_not_utf8_says_where() {
        let mut bytes = large().into_bytes();
        let at = bytes.len() / 2 + 1000;
        bytes[at] = 0xff;
        let (_dir, path) = written(&bytes);
        let whole = read_limited(File::open(&path).unwrap(), 0, &path, MAX_FILE_BYTES);
        let in_parts = read_text(&path, MAX_FILE_BYTES);
        let (whole, in_parts) = (whole.unwrap_err(), in_parts.unwrap_err());
        assert_eq!(whole.to_string(), in_parts.to_string());
        assert!(whole.to_string().contains("not UTF-8"), "{whole}");
    }
}
