//! One process per job per data directory: the app and `chorus daemon` may both run, but only
//! one of them publishes and only one syncs the inbox. The holder keeps an OS file lock on
//! `<job>.lock`, which the OS releases when the process ends, however it ends.

use std::fs::File;

use crate::{CoreError, DataDir, Result};

/// Held for as long as the value lives.
#[derive(Debug)]
pub struct Lease {
    _file: File,
}

impl Lease {
    /// Takes `job`'s lock in `dir`; `Ok(None)` when another process holds it.
    pub fn try_take(dir: &DataDir, job: &str) -> Result<Option<Self>> {
        let path = dir.root().join(format!("{job}.lock"));
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| CoreError::io(format!("cannot open {}", path.display()), e))?;
        Ok(file.try_lock().is_ok().then_some(Self { _file: file }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_held_once_and_freed_when_its_holder_goes() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path()).expect("dir");
        let first = Lease::try_take(&dir, "inbox")
            .expect("io")
            .expect("free at first");
        assert!(
            Lease::try_take(&dir, "inbox").expect("io").is_none(),
            "a second holder must be refused while the first lives"
        );
        assert!(
            Lease::try_take(&dir, "publisher").expect("io").is_some(),
            "each job has its own lock"
        );
        drop(first);
        assert!(Lease::try_take(&dir, "inbox").expect("io").is_some());
    }
}
