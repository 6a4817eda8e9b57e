// The path rules of Wasmtime's WASI preview1 (docs/wasi.md, "Paths and links as Wasmtime has
// them"), checked the way Rust programs meet them: through std::fs where std offers the call,
// and otherwise (std's wasi extensions are unstable in Rust 1.63) through the raw preview1 imports, each with the errno it must give. A rule that
// does not hold prints FAIL and the program exits with 1; otherwise every line is "ok ...".
// The test makes host-abs in the granted directory beforehand, a link to /etc/passwd.
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

const DIR: u32 = 3; // the preopened directory, /sandbox
const FOLLOW: u32 = 1;
const O_CREAT: u32 = 1;
const O_DIRECTORY: u32 = 2;
const FD_WRITE: u64 = 1 << 6;
const ALL: u64 = 0x1fff_ffff;

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn path_open(fd: u32, dirflags: u32, path: *const u8, path_len: usize, oflags: u32, base: u64, inheriting: u64, fdflags: u32, opened: *mut u32) -> u32;
    fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u32;
    fn path_link(old_fd: u32, old_flags: u32, old: *const u8, old_len: usize, new_fd: u32, new: *const u8, new_len: usize) -> u32;
    fn path_readlink(fd: u32, path: *const u8, path_len: usize, buf: *mut u8, buf_len: usize, used: *mut usize) -> u32;
    fn path_filestat_get(fd: u32, flags: u32, path: *const u8, path_len: usize, stat: *mut u8) -> u32;
    fn fd_close(fd: u32) -> u32;
}

struct Checks {
    failed: u32,
}

impl Checks {
    fn errno(&mut self, rule: &str, got: u32, want: u32) {
        if got == want {
            println!("ok {rule}: {got}");
        } else {
            println!("FAIL {rule}: errno {got}, Wasmtime gives {want}");
            self.failed += 1;
        }
    }

    fn io<T>(&mut self, rule: &str, got: std::io::Result<T>, want: u32) {
        let errno = match got {
            Ok(_) => 0,
            Err(e) => e.raw_os_error().map(|n| n as u32).unwrap_or(u32::MAX),
        };
        self.errno(rule, errno, want);
    }
}

fn open(dirflags: u32, path: &str, oflags: u32, base: u64) -> u32 {
    let mut fd = 0u32;
    let err = unsafe { path_open(DIR, dirflags, path.as_ptr(), path.len(), oflags, base, ALL, 0, &mut fd) };
    if err == 0 {
        unsafe { fd_close(fd) };
    }
    err
}

fn symlink(target: &str, at: &str) -> u32 {
    unsafe { path_symlink(target.as_ptr(), target.len(), DIR, at.as_ptr(), at.len()) }
}

fn link(flags: u32, old: &str, new: &str) -> u32 {
    unsafe { path_link(DIR, flags, old.as_ptr(), old.len(), DIR, new.as_ptr(), new.len()) }
}

/// path_readlink into a buffer of `size` bytes: the errno, or 0 when it holds the first `size` bytes of `expected` (cut, not an error).
fn readlink(path: &str, size: usize, expected: &str) -> u32 {
    let mut buf = [0u8; 64];
    let mut used = 0usize;
    let err = unsafe { path_readlink(DIR, path.as_ptr(), path.len(), buf.as_mut_ptr(), size, &mut used) };
    if err != 0 {
        return err;
    }
    let want = &expected.as_bytes()[..size.min(expected.len())];
    if &buf[..used] == want { 0 } else { 1000 }
}

/// The filetype path_filestat_get reports (offset 16 of a filestat), or 100 + errno.
fn filetype(flags: u32, path: &str) -> u32 {
    let mut stat = [0u8; 64];
    let err = unsafe { path_filestat_get(DIR, flags, path.as_ptr(), path.len(), stat.as_mut_ptr()) };
    if err == 0 { stat[16] as u32 } else { 100 + err }
}

fn main() {
    let mut c = Checks { failed: 0 };
    fs::write("/sandbox/f", "data").unwrap();
    fs::create_dir("/sandbox/d").unwrap();
    fs::write("/sandbox/d/g", "").unwrap();
    assert_eq!(symlink("f", "lf"), 0);
    assert_eq!(symlink("d", "ld"), 0);

    // escapes are "operation not permitted"
    c.io("read /sandbox/../x (.. above the preopen)", fs::read("/sandbox/../x"), 63);
    c.errno("path_open .. ", open(FOLLOW, "..", 0, ALL & !FD_WRITE), 63);
    c.errno("path_open /etc/passwd", open(FOLLOW, "/etc/passwd", 0, ALL & !FD_WRITE), 63);
    c.errno("path_symlink to an absolute target", symlink("/etc/passwd", "abs"), 63);
    c.errno("path_symlink to an escaping relative target (made: it is only text)", symlink("../outside", "esc"), 0);
    c.io("read through the escaping link", fs::read("/sandbox/esc"), 63);
    c.io("read_link of a link the host made to /etc/passwd", fs::read_link("/sandbox/host-abs"), 63);
    c.io("read_link of the escaping link (its text)", fs::read_link("/sandbox/esc").map(|t| assert_eq!(t, Path::new("../outside"))), 0);
    c.errno("path_readlink into a 3-byte buffer (cut to it)", readlink("esc", 3, "../outside"), 0);
    c.errno("path_readlink of a file", readlink("f", 64, ""), 28);

    // links and trailing slashes
    c.errno("path_symlink at new/ (nothing there)", symlink("f", "new/"), 44);
    c.errno("path_symlink at f/ (a file there)", symlink("d", "f/"), 54);
    c.errno("path_symlink at d/ (a directory there)", symlink("f", "d/"), 20);
    c.io("hard_link to h/ (nothing there)", fs::hard_link("/sandbox/f", "/sandbox/h/"), 44);
    c.io("hard_link of a directory", fs::hard_link("/sandbox/d", "/sandbox/hd"), 63);
    c.io("hard_link f -> h", fs::hard_link("/sandbox/f", "/sandbox/h"), 0);
    c.io("hard_link onto an existing name", fs::hard_link("/sandbox/f", "/sandbox/h"), 20);
    c.errno("path_link with symlink_follow", link(FOLLOW, "lf", "hl"), 28);
    c.errno("path_link of a link, not following", link(0, "lf", "hl"), 0);
    c.errno("path_link's link is a link (filetype 7)", filetype(0, "hl"), 7);

    // following, or not, and trailing slashes on files
    c.errno("path_open lf without symlink_follow", open(0, "lf", 0, ALL & !FD_WRITE), 32);
    c.errno("path_open ld/g without symlink_follow (a link in the middle is followed)", open(0, "ld/g", 0, ALL & !FD_WRITE), 0);
    c.io("File::open f/", fs::File::open("/sandbox/f/"), 54);
    c.io("metadata of f/", fs::metadata("/sandbox/f/"), 54);
    c.errno("path_filestat_get lf, not following: a link", filetype(0, "lf"), 7);
    c.errno("path_filestat_get lf, following: a file", filetype(FOLLOW, "lf"), 4);
    c.io("symlink_metadata of host-abs (the link itself)", fs::symlink_metadata("/sandbox/host-abs").map(|m| assert!(m.file_type().is_symlink())), 0);
    c.io("metadata of host-abs (following it)", fs::metadata("/sandbox/host-abs"), 63);

    // the preopen itself, and directories
    c.io("read_dir of the preopen", fs::read_dir("/sandbox").map(|d| d.count()), 0);
    c.errno("path_open . (read rights)", open(FOLLOW, ".", O_DIRECTORY, ALL & !FD_WRITE), 0);
    c.errno("path_open . with fd_write", open(FOLLOW, ".", O_DIRECTORY, ALL), 31);
    c.errno("path_open O_DIRECTORY | O_CREAT", open(FOLLOW, "newdir", O_DIRECTORY | O_CREAT, ALL), 28);
    c.errno("path_open with a NUL in the path", open(FOLLOW, "f\0", 0, ALL & !FD_WRITE), 28);

    // removing the wrong kind of thing
    c.io("remove_file of a directory", fs::remove_file("/sandbox/d"), 31);
    c.io("remove_file of f/", fs::remove_file("/sandbox/f/"), 54);
    c.io("remove_dir of a file", fs::remove_dir("/sandbox/f"), 54);
    c.io("remove_dir of a non-empty directory", fs::remove_dir("/sandbox/d"), 55);
    c.io("remove_file of lf removes the link", fs::remove_file("/sandbox/lf"), 0);
    c.io("f is still there", fs::read("/sandbox/f").map(|b| assert_eq!(b, b"data")), 0);
    let missing = fs::read("/sandbox/missing");
    assert_eq!(missing.as_ref().err().map(|e| e.kind()), Some(ErrorKind::NotFound));

    if c.failed > 0 {
        println!("{} rules differ from Wasmtime's", c.failed);
        std::process::exit(1);
    }
    println!("all rules as Wasmtime has them");
}
