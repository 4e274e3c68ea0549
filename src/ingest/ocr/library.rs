//! Tesseract's library (`libtesseract`, through its C API) loaded into this
//! process at run time: each engine instance loads the language models
//! once and reads page after page, where the `tesseract` program loads
//! them again for every image (about 0.1 s for `vie+eng`). An engine crash
//! then ends the process, so only worker processes use it (see
//! [`Options::ocr_in_process`](crate::Options::ocr_in_process)), where a
//! crash costs one document.
//!
//! Nothing is linked at build time: without the library (or with another
//! version than the program's) the program is run as before.

use super::engine::{Engine, Segmentation};
use crate::ingest::image::Gray;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::{Mutex, OnceLock};

/// An engine instance (`TessBaseAPI *`).
type Handle = *mut c_void;

/// File names the library is looked up under, most specific first.
const LIBRARY_NAMES: [&str; 4] = [
    "libtesseract.so.5",
    "libtesseract.so",
    "libtesseract.5.dylib",
    "libtesseract.dylib",
];

/// The functions of the C API used (`tesseract/capi.h`).
struct Functions {
    version: unsafe extern "C" fn() -> *const c_char,
    create: unsafe extern "C" fn() -> Handle,
    delete: unsafe extern "C" fn(Handle),
    init: unsafe extern "C" fn(Handle, *const c_char, *const c_char) -> c_int,
    set_variable: unsafe extern "C" fn(Handle, *const c_char, *const c_char) -> c_int,
    set_page_seg_mode: unsafe extern "C" fn(Handle, c_int),
    set_image: unsafe extern "C" fn(Handle, *const u8, c_int, c_int, c_int, c_int),
    set_source_resolution: unsafe extern "C" fn(Handle, c_int),
    recognize: unsafe extern "C" fn(Handle, *mut c_void) -> c_int,
    tsv_text: unsafe extern "C" fn(Handle, c_int) -> *mut c_char,
    delete_text: unsafe extern "C" fn(*const c_char),
    clear: unsafe extern "C" fn(Handle),
}

/// The loaded library, with the instances that are not reading a page.
pub(crate) struct Library {
    functions: Functions,
    languages: CString,
    idle: Mutex<Vec<Instance>>,
    /// Keeps the functions' code mapped; never unloaded.
    _library: libloading::Library,
}

/// One initialised engine, used by one thread at a time.
struct Instance(Handle);

// SAFETY: an instance is only ever used by the thread that took it out of
// the idle list; Tesseract's instances share no unsynchronised state.
unsafe impl Send for Instance {}

/// The library for `engine`, loaded once per process; `None` when it is
/// missing, of another version than the program, or when a program was
/// named (`BAOCAO_TESSERACT`): that choice is the user's.
pub(crate) fn shared(engine: &Engine) -> Option<&'static Library> {
    static LIBRARY: OnceLock<Option<Library>> = OnceLock::new();
    LIBRARY
        .get_or_init(|| {
            if std::env::var_os(super::engine::PROGRAM_VAR).is_some() {
                return None;
            }
            Library::load(engine)
        })
        .as_ref()
}

impl Library {
    fn load(engine: &Engine) -> Option<Library> {
        // SAFETY: loading runs the library's initialisers (Tesseract's and
        // its dependencies'), which have no requirements on the caller.
        let library = LIBRARY_NAMES
            .iter()
            .find_map(|name| unsafe { libloading::Library::new(*name) }.ok())?;
        let functions = Functions::find(&library)?;
        // SAFETY: TessVersion returns a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr((functions.version)()) };
        if version.to_str().ok()? != engine.version {
            return None;
        }
        Some(Library {
            functions,
            languages: CString::new(engine.languages.clone()).ok()?,
            idle: Mutex::new(Vec::new()),
            _library: library,
        })
    }

    /// Tesseract's TSV for a page image (without the header row).
    pub fn recognise_tsv(&self, page: &Gray, segmentation: Segmentation) -> Result<String, String> {
        let instance = match self.idle.lock().ok().and_then(|mut idle| idle.pop()) {
            Some(instance) => instance,
            None => self.start()?,
        };
        let read = self.read(&instance, page, segmentation);
        if read.is_ok() {
            if let Ok(mut idle) = self.idle.lock() {
                idle.push(instance);
                return read;
            }
        }
        // An instance that failed is not used again.
        // SAFETY: the handle came from TessBaseAPICreate and is dropped once.
        unsafe { (self.functions.delete)(instance.0) };
        read
    }

    /// A new instance with the languages loaded.
    fn start(&self) -> Result<Instance, String> {
        let f = &self.functions;
        // SAFETY: calls of the C API on a handle it created; the strings
        // are NUL-terminated and outlive the calls.
        unsafe {
            let handle = (f.create)();
            if handle.is_null() {
                return Err("the OCR engine could not be created".into());
            }
            if (f.init)(handle, std::ptr::null(), self.languages.as_ptr()) != 0 {
                (f.delete)(handle);
                return Err("the OCR engine could not load its languages".into());
            }
            // Tesseract's own messages would reach the user's terminal.
            (f.set_variable)(handle, c"debug_file".as_ptr(), c"/dev/null".as_ptr());
            Ok(Instance(handle))
        }
    }

    /// One recognition on `instance`.
    fn read(&self, instance: &Instance, page: &Gray, how: Segmentation) -> Result<String, String> {
        let f = &self.functions;
        let size = |n: usize| c_int::try_from(n).map_err(|_| "page image too large".to_string());
        let (width, height) = (size(page.width)?, size(page.height)?);
        if page.pixels.len() < page.width * page.height {
            return Err("page image incomplete".into());
        }
        // SAFETY: the pixels hold `width × height` bytes, one a pixel, row
        // by row, and outlive the recognition; the text is freed once.
        unsafe {
            (f.set_page_seg_mode)(instance.0, how.psm_number());
            (f.set_image)(instance.0, page.pixels.as_ptr(), width, height, 1, width);
            (f.set_source_resolution)(instance.0, size(page.dpi as usize)?);
            let recognised = (f.recognize)(instance.0, std::ptr::null_mut()) == 0;
            let text = if recognised {
                (f.tsv_text)(instance.0, 0)
            } else {
                std::ptr::null_mut()
            };
            (f.clear)(instance.0);
            if text.is_null() {
                return Err("the OCR engine could not read the page".into());
            }
            let tsv = CStr::from_ptr(text).to_string_lossy().into_owned();
            (f.delete_text)(text);
            Ok(tsv)
        }
    }
}

impl Functions {
    /// The functions, when the library has all of them.
    fn find(library: &libloading::Library) -> Option<Functions> {
        // SAFETY: each symbol is given the type capi.h declares for it.
        unsafe {
            Some(Functions {
                version: *library.get(b"TessVersion\0").ok()?,
                create: *library.get(b"TessBaseAPICreate\0").ok()?,
                delete: *library.get(b"TessBaseAPIDelete\0").ok()?,
                init: *library.get(b"TessBaseAPIInit3\0").ok()?,
                set_variable: *library.get(b"TessBaseAPISetVariable\0").ok()?,
                set_page_seg_mode: *library.get(b"TessBaseAPISetPageSegMode\0").ok()?,
                set_image: *library.get(b"TessBaseAPISetImage\0").ok()?,
                set_source_resolution: *library.get(b"TessBaseAPISetSourceResolution\0").ok()?,
                recognize: *library.get(b"TessBaseAPIRecognize\0").ok()?,
                tsv_text: *library.get(b"TessBaseAPIGetTsvText\0").ok()?,
                delete_text: *library.get(b"TessDeleteText\0").ok()?,
                clear: *library.get(b"TessBaseAPIClear\0").ok()?,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::ocr::tsv::words;

    /// The library and the program read a page alike (so the cache, keyed
    /// by the engine's version and arguments, serves both).
    #[test]
    fn the_library_reads_as_the_program_does() {
        let Some(engine) = crate::ingest::ocr::engine() else {
            return;
        };
        let Some(library) = shared(engine) else {
            let named = std::env::var_os(super::super::engine::PROGRAM_VAR).is_some();
            assert!(
                named || std::env::var_os("CI").is_none(),
                "the program is installed, its library must load"
            );
            return;
        };
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/scans/images/001_ab3b4a8e0ce935e7.p2.jpg"
        );
        let mut page = crate::ingest::image::file_pages(&std::fs::read(path).unwrap()).unwrap();
        // The top third of the page (a table's head and first rows).
        let mut page = page.remove(0);
        page.height /= 3;
        page.pixels.truncate(page.width * page.height);
        let how = Segmentation::Block;
        let ours = words(&library.recognise_tsv(&page, how).unwrap());
        let program = words(&engine.recognise_tsv(&page, how, false).unwrap());
        assert!(ours.len() > 50, "{} words", ours.len());
        assert_eq!(ours, program);
    }
}
