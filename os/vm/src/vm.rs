//! The VM state: object memory, classes, prepared methods, threads.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use classfile::records::ClassFile;
use hashbrown::HashMap;
use ir::code::Summon;

use crate::code::{prepare, Context, Method};
use crate::heap::{flags as F, Heap, Ref, Region, CLASS_INST_REFS};
use crate::native::{self, Native};
use crate::object::{class as C, internal_index, sys, thread as T, INTERNAL};
use crate::thread::{Frame, Thread};

/// What the VM needs from the platform it runs on.
pub trait Host: Send {
    /// Writes console output.
    fn stdout(&mut self, bytes: &[u8]);
    /// Writes diagnostics (uncaught exceptions, warnings).
    fn stderr(&mut self, bytes: &[u8]);
    /// Milliseconds on a monotonic clock.
    fn now_ms(&self) -> u64;
    /// Milliseconds since the Unix epoch.
    fn wall_ms(&self) -> u64;
    /// Nanoseconds on a monotonic clock (for timing the JIT; by default
    /// from [`Host::now_ms`]).
    fn now_ns(&self) -> u64 {
        self.now_ms().saturating_mul(1_000_000)
    }
    /// The class file of a class, from the class path.
    fn class_file(&mut self, name: &str) -> Option<Vec<u8>>;
    /// The names of the classes on the class path that equal `name` when
    /// ASCII case is ignored, each spelled so that [`Host::class_file`]
    /// finds it. Asked only when no class is named `name` exactly (the
    /// original compiler lower-cases the names it summons). A host without
    /// this lookup knows none.
    fn class_names_ignoring_case(&mut self, _name: &str) -> Vec<String> {
        Vec::new()
    }
    /// One line of console input, without the newline; `None` at the end.
    /// May block.
    fn read_line(&mut self) -> Option<Vec<u8>>;
    /// Console input without blocking: a host whose input arrives on its
    /// own thread says [`Input::Waiting`] until a line is there, so that
    /// the reading VM thread lets the others (and snapshots) run.
    fn poll_line(&mut self) -> Input {
        match self.read_line() {
            Some(l) => Input::Line(l),
            None => Input::End,
        }
    }
}

/// What [`Host::poll_line`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A line, without its newline.
    Line(Vec<u8>),
    /// No line yet.
    Waiting,
    /// The input has ended.
    End,
}

/// How a method is reached through an ordinal.
#[derive(Clone, Copy)]
pub enum Callee {
    /// No method at this ordinal.
    Missing,
    /// Bytecode: index into [`Vm::methods`].
    Code(u32),
    /// Native function `k` of an internal class.
    Native(Native, u8),
}

/// Per-process tables of one class, rebuilt from the class object after a
/// restart.
pub struct ClassRt {
    /// The class object.
    pub obj: Ref,
    /// Class name.
    pub name: String,
    /// Method table by ordinal (inherited entries included).
    pub methods: Vec<Callee>,
    /// Method names by ordinal (for `dynamic_invoke` and backtraces).
    pub method_names: Vec<String>,
    /// Native class index, for internal classes.
    pub sys_id: Option<usize>,
}

/// A class could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// Class being loaded.
    pub class: String,
    /// Method, if the problem is in one.
    pub method: Option<String>,
    /// Byte offset in the method's code.
    pub offset: Option<u32>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot load class {}", self.class)?;
        if let Some(m) = &self.method {
            write!(f, ", method {m}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " at offset {o}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Root object slots (`runtime.md` §2.1); slots 0–40 hold internal classes.
pub mod root {
    /// The user class loader.
    pub const CLASS_LOADER: u32 = 18;
    /// Every thread object.
    pub const THREADS: u32 = 66;
    /// Objects with a native restart hook.
    pub const RESTART: u32 = 68;
    /// Kernel environment: `key=value` strings.
    pub const ENV: u32 = 69;
    /// The OS interface object (`boot.22`).
    pub const OS_ENTRY: u32 = 70;
    /// The root directory.
    pub const ROOT_DIR: u32 = 71;
    /// Every loaded class (array), the persistent class cache.
    pub const CLASSES: u32 = 73;
    /// Small-int cache (page of boxed ints).
    pub const INT_CACHE: u32 = 74;
    /// Prepared "out of memory" exception.
    pub const OOM: u32 = 75;
    /// Slots in the root object.
    pub const SLOTS: u32 = 128;
}

/// Ints boxed once and shared (immutable, so sharing is invisible except to `:==`).
pub const INT_CACHE_MIN: i32 = -128;
/// Upper end (inclusive) of the small-int cache.
pub const INT_CACHE_MAX: i32 = 1023;

/// Data cell of an array holding its page (an object whose data cells
/// are the elements; its size is the capacity).
pub const ARRAY_PAGE: u32 = 0;
/// Data cell of an array holding its length.
pub const ARRAY_LEN: u32 = 1;

/// Heap well-known cells.
const U_ROOT: usize = 0;
const U_EPOCH: usize = 1;

/// The virtual machine.
pub struct Vm {
    /// Object memory.
    pub heap: Heap,
    /// The platform.
    pub host: Box<dyn Host>,
    /// The root object.
    pub root: Ref,
    /// Internal class objects by `sys_table_id`.
    pub internal: [Ref; INTERNAL.len()],
    /// Runtime tables of classes, indexed by a class object's `RT_INDEX`.
    pub classes: Vec<ClassRt>,
    /// Prepared methods (boxed so that their addresses never change).
    pub methods: Vec<Box<Method>>,
    /// Loaded and internal classes by name.
    pub by_name: HashMap<String, Ref>,
    /// This process's epoch (tells current runtime tables from stale ones).
    pub epoch: u32,
    /// Threads by id; a running thread is taken out while it runs.
    pub threads: Vec<Option<Box<Thread>>>,
    /// Threads created since the host last looked.
    pub new_threads: Vec<u32>,
    /// Set by natives that may wake blocked threads.
    pub sync_changed: bool,
    /// First cell of the small-int cache.
    int_cache: u32,
    /// Classes being loaded (to catch inheritance cycles).
    loading: Vec<String>,
    /// Whether the image was restored rather than created.
    pub restored: bool,
    /// Host resources of natives (sockets, files, jobs) of this process.
    pub host_handles: native::HostHandles,
    /// The JIT, when tiered execution is on (transient).
    #[cfg(feature = "jit")]
    pub jit: Option<Box<crate::jit::Engine>>,
}

/// Kernel environment entries every system starts with (`runtime.md`
/// §2.2): the classes the original's boot class loads.
pub const DEFAULT_ENV: [(&str, &str); 3] = [
    ("root.shell", ".ru.dz.phantom.system.shell"),
    ("root.init", ".ru.dz.phantom.system.init"),
    ("root.boot", ".ru.dz.phantom.system.boot"),
];

impl Vm {
    /// Creates a VM over a region: a fresh zero state, or the state a
    /// previous run left in it. `env` is the kernel environment.
    pub fn new(region: Box<dyn Region + Send>, host: Box<dyn Host>, env: &[String]) -> Vm {
        let (mut heap, existing) = Heap::open(region);
        let epoch = heap.user_cell(U_EPOCH).wrapping_add(1).max(1);
        heap.set_user_cell(U_EPOCH, epoch);
        let mut vm = Vm {
            heap,
            host,
            root: Ref::NULL,
            internal: [Ref::NULL; INTERNAL.len()],
            classes: Vec::new(),
            methods: Vec::new(),
            by_name: HashMap::new(),
            epoch,
            threads: Vec::new(),
            new_threads: Vec::new(),
            sync_changed: false,
            int_cache: 0,
            loading: Vec::new(),
            restored: existing,
            host_handles: native::HostHandles::default(),
            #[cfg(feature = "jit")]
            jit: None,
        };
        if existing {
            vm.reattach();
        } else {
            vm.zero_state(env);
        }
        vm
    }

    fn zero_state(&mut self, env: &[String]) {
        let h = &mut self.heap;
        // Class objects first: their class is .internal.class, patched below.
        for (i, ic) in INTERNAL.iter().enumerate() {
            let c = h
                .alloc(Ref::NULL, F::IS_INTERNAL | F::IS_CLASS, C::CELLS)
                .expect("zero state fits");
            h.saturate(c);
            h.set(c, C::SYS_ID, i as u32);
            h.set(c, C::INST_FLAGS, ic.flags);
            h.set(c, C::INST_CELLS, ic.cells);
            h.set(c, CLASS_INST_REFS, ic.refs);
            self.internal[i] = c;
        }
        let class_class = self.internal[sys::CLASS];
        let void = self.internal[sys::VOID];
        for i in 0..INTERNAL.len() {
            let c = self.internal[i];
            self.heap.set_cell(c.0, class_class.0);
            if i != sys::VOID {
                self.heap.set(c, C::PARENT, void.0);
            }
        }
        for (i, ic) in INTERNAL.iter().enumerate() {
            let s = self.perm_string(ic.name.as_bytes());
            self.heap.set(self.internal[i], C::NAME, s.0);
        }
        let page = self.internal[sys::PAGE];
        let root = self
            .heap
            .alloc(page, 0, root::SLOTS)
            .expect("zero state fits");
        self.heap.saturate(root);
        self.root = root;
        self.heap.set_user_cell(U_ROOT, root.0);
        for i in 0..INTERNAL.len() {
            self.heap.set(root, i as u32, self.internal[i].0);
        }
        // Small ints, boxed once.
        let n = (INT_CACHE_MAX - INT_CACHE_MIN + 1) as u32;
        let cache = self.heap.alloc(page, 0, n).expect("zero state fits");
        let int = self.internal[sys::INT];
        let fl = INTERNAL[sys::INT].flags;
        for i in 0..n {
            let b = self.heap.alloc(int, fl, 1).expect("zero state fits");
            self.heap.saturate(b);
            self.heap.set(b, 0, (INT_CACHE_MIN + i as i32) as u32);
            self.heap.set(cache, i, b.0);
            if i == 0 {
                self.int_cache = b.0;
            }
        }
        self.heap.put_ref(root, root::INT_CACHE, cache);
        let oom = self.perm_string(b"out of memory");
        self.heap.set(root, root::OOM, oom.0);
        for slot in [root::THREADS, root::RESTART, root::CLASSES] {
            let a = self.new_array_raw();
            self.heap.put_ref(root, slot, a);
        }
        let envs = self.new_array_raw();
        // The original's defaults (`runtime.md` §2.2 step 5), unless the
        // host's `key=value` arguments set them; then those arguments.
        let given = |key: &str| env.iter().any(|e| e.split('=').next() == Some(key));
        let defaults = DEFAULT_ENV
            .iter()
            .filter(|(k, _)| !given(k))
            .map(|(k, v)| format!("{k}={v}"));
        let env: Vec<String> = defaults.chain(env.iter().cloned()).collect();
        for e in &env {
            let s = self.new_string(e.as_bytes()).expect("zero state fits");
            let len = self.array_len(envs);
            self.array_set(envs, len, s).expect("zero state fits");
        }
        self.heap.put_ref(root, root::ENV, envs);
        let dir = self
            .new_instance(self.internal[sys::DIRECTORY])
            .expect("zero state fits");
        self.heap.put_ref(root, root::ROOT_DIR, dir);
        self.register_internal();
    }

    /// Restart: find the root and rebuild the per-process tables.
    fn reattach(&mut self) {
        let root = Ref(self.heap.user_cell(U_ROOT));
        self.root = root;
        for i in 0..INTERNAL.len() {
            self.internal[i] = self.heap.get_ref(root, i as u32);
        }
        let cache = self.heap.get_ref(root, root::INT_CACHE);
        self.int_cache = self.heap.get(cache, 0);
        self.register_internal();
        let classes = self.heap.get_ref(root, root::CLASSES);
        for i in 0..self.array_len(classes) {
            let c = self.array_get(classes, i);
            let name = self.heap.class_name(c);
            self.by_name.insert(name, c);
        }
    }

    fn register_internal(&mut self) {
        for (i, ic) in INTERNAL.iter().enumerate() {
            self.by_name.insert(ic.name.to_string(), self.internal[i]);
        }
    }

    // ---- objects

    /// A permanent string (never freed).
    pub fn perm_string(&mut self, b: &[u8]) -> Ref {
        let s = self.new_string(b).expect("permanent strings fit");
        self.heap.saturate(s);
        s
    }

    /// A new string.
    pub fn new_string(&mut self, b: &[u8]) -> Result<Ref, Ref> {
        let cls = self.internal[sys::STRING];
        self.heap
            .new_bytes(cls, INTERNAL[sys::STRING].flags, b)
            .map_err(|_| self.oom())
    }

    /// The prepared out-of-memory exception.
    pub fn oom(&self) -> Ref {
        self.heap.get_ref(self.root, root::OOM)
    }

    /// Boxes an int.
    #[inline]
    pub fn box_int(&mut self, v: i32) -> Result<Ref, Ref> {
        if (INT_CACHE_MIN..=INT_CACHE_MAX).contains(&v) {
            return Ok(Ref(self.int_cache + (v - INT_CACHE_MIN) as u32 * 5));
        }
        let r = self
            .heap
            .alloc(self.internal[sys::INT], INTERNAL[sys::INT].flags, 1)
            .map_err(|_| self.oom())?;
        self.heap.set(r, 0, v as u32);
        Ok(r)
    }

    /// The first shared int box (of [`INT_CACHE_MIN`]), for compiled code.
    // Only the `jit` feature calls it; the kernel builds the VM without it.
    #[cfg_attr(not(feature = "jit"), allow(dead_code))]
    pub(crate) fn int_cache_first(&self) -> u32 {
        self.int_cache
    }

    /// Boxes a 64-bit value as `.internal.long` or `.internal.double`.
    pub fn box64(&mut self, sys_id: usize, v: u64) -> Result<Ref, Ref> {
        let r = self
            .heap
            .alloc(self.internal[sys_id], INTERNAL[sys_id].flags, 2)
            .map_err(|_| self.oom())?;
        self.heap.set64(r, 0, v);
        Ok(r)
    }

    /// Boxes a float.
    pub fn box_float(&mut self, v: f32) -> Result<Ref, Ref> {
        let r = self
            .heap
            .alloc(self.internal[sys::FLOAT], INTERNAL[sys::FLOAT].flags, 1)
            .map_err(|_| self.oom())?;
        self.heap.set(r, 0, v.to_bits());
        Ok(r)
    }

    /// The native class index of an object's class (`None` for regular
    /// objects and null).
    pub fn sys_of(&self, r: Ref) -> Option<usize> {
        if r.is_null() {
            return None;
        }
        self.heap.sys_id(self.heap.class_of(r))
    }

    /// A new instance of `cls`, as `new` makes it: zeroed (which is the
    /// initial state of every internal class too), no constructor run.
    pub fn new_instance(&mut self, cls: Ref) -> Result<Ref, Ref> {
        let fl = self.heap.get(cls, C::INST_FLAGS);
        let cells = self.heap.get(cls, C::INST_CELLS);
        self.heap.alloc(cls, fl, cells).map_err(|_| self.oom())
    }

    fn new_array_raw(&mut self) -> Ref {
        self.new_instance(self.internal[sys::ARRAY])
            .expect("zero state fits")
    }

    /// A new empty array.
    pub fn new_array(&mut self) -> Result<Ref, Ref> {
        self.new_instance(self.internal[sys::ARRAY])
    }

    /// Number of elements of an array.
    pub fn array_len(&self, a: Ref) -> u32 {
        self.heap.get(a, ARRAY_LEN)
    }

    /// Element `i` of an array (borrowed; null past the end).
    pub fn array_get(&self, a: Ref, i: u32) -> Ref {
        if i >= self.array_len(a) {
            return Ref::NULL;
        }
        self.heap.get_ref(self.heap.get_ref(a, ARRAY_PAGE), i)
    }

    /// Stores an owned reference at `i`, growing the array.
    pub fn array_set(&mut self, a: Ref, i: u32, v: Ref) -> Result<(), Ref> {
        let page = self.heap.get_ref(a, ARRAY_PAGE);
        let cap = if page.is_null() {
            0
        } else {
            self.heap.size(page)
        };
        if i >= cap {
            let want = (i as u64 + 1).max(u64::from(cap) * 2).max(16);
            if want > u64::from(u32::MAX / 2) {
                self.heap.dec(v);
                return Err(self.oom());
            }
            let np = match self.heap.alloc(self.internal[sys::PAGE], 0, want as u32) {
                Ok(p) => p,
                Err(_) => {
                    self.heap.dec(v);
                    return Err(self.oom());
                }
            };
            for k in 0..cap {
                let e = self.heap.get_ref(page, k);
                self.heap.inc(e);
                self.heap.set(np, k, e.0);
            }
            self.heap.put_ref(a, ARRAY_PAGE, np);
        }
        let page = self.heap.get_ref(a, ARRAY_PAGE);
        self.heap.put_ref(page, i, v);
        if i >= self.array_len(a) {
            self.heap.set(a, ARRAY_LEN, i + 1);
        }
        Ok(())
    }

    // ---- classes

    /// Index of a class's runtime tables, building them if this process
    /// has not used the class yet.
    #[inline]
    pub fn rt(&mut self, cls: Ref) -> usize {
        if self.heap.get(cls, C::RT_EPOCH) == self.epoch {
            self.heap.get(cls, C::RT_INDEX) as usize
        } else {
            self.build_rt(cls)
        }
    }

    #[cold]
    fn build_rt(&mut self, cls: Ref) -> usize {
        let rt = match self.heap.sys_id(cls) {
            Some(id) => self.internal_rt(cls, id),
            None => match self.loaded_rt(cls) {
                Ok(rt) => rt,
                // The class was verified when it was first loaded, so this
                // only happens if the image was damaged.
                Err(e) => {
                    let msg = format!("phantom: {e}\n");
                    self.host.stderr(msg.as_bytes());
                    ClassRt {
                        obj: cls,
                        name: self.heap.class_name(cls),
                        methods: Vec::new(),
                        method_names: Vec::new(),
                        sys_id: None,
                    }
                }
            },
        };
        self.classes.push(rt);
        let idx = self.classes.len() - 1;
        self.heap.set(cls, C::RT_EPOCH, self.epoch);
        self.heap.set(cls, C::RT_INDEX, idx as u32);
        idx
    }

    fn internal_rt(&mut self, cls: Ref, id: usize) -> ClassRt {
        let table = native::table(id);
        let defaults = native::table(sys::VOID);
        let n = table.len().max(defaults.len());
        let methods = (0..n)
            .map(|k| {
                match table.get(k).copied().flatten().or_else(|| {
                    if k < 16 {
                        defaults.get(k).copied().flatten()
                    } else {
                        None
                    }
                }) {
                    Some(f) => Callee::Native(f, k as u8),
                    None => Callee::Missing,
                }
            })
            .collect();
        ClassRt {
            obj: cls,
            name: INTERNAL[id].name.to_string(),
            methods,
            method_names: Vec::new(),
            sys_id: Some(id),
        }
    }

    fn loaded_rt(&mut self, cls: Ref) -> Result<ClassRt, LoadError> {
        let name = self.heap.class_name(cls);
        let file = self.heap.get_ref(cls, C::FILE);
        let bytes = self.heap.bytes(file).to_vec();
        let lerr = |m: Option<String>, o: Option<u32>, msg: String| LoadError {
            class: name.clone(),
            method: m,
            offset: o,
            message: msg,
        };
        let cf = ClassFile::parse(&bytes).map_err(|e| lerr(None, None, format!("{e}")))?;
        let parent = self.heap.class_parent(cls);
        let pi = self.rt(parent);
        let mut methods = self.classes[pi].methods.clone();
        let mut method_names = self.classes[pi].method_names.clone();
        let consts_page = self.heap.get_ref(cls, C::CONSTS);
        let consts: Vec<Option<Ref>> = if consts_page.is_null() {
            Vec::new()
        } else {
            self.heap
                .page_refs(consts_page)
                .into_iter()
                .map(|r| (!r.is_null()).then_some(r))
                .collect()
        };
        let fields = self.heap.get(cls, C::INST_CELLS);
        let builtin_refs = self.internal;
        let builtin = move |s: &Summon| -> Option<Ref> {
            Some(match s {
                Summon::ClassClass => builtin_refs[sys::CLASS],
                Summon::IntClass => builtin_refs[sys::INT],
                Summon::StringClass => builtin_refs[sys::STRING],
                Summon::InterfaceClass => builtin_refs[sys::INTERFACE],
                Summon::CodeClass => builtin_refs[sys::CODE],
                Summon::ArrayClass => builtin_refs[sys::ARRAY],
                Summon::ByName(_) => return None,
            })
        };
        let cx = Context {
            class: cls,
            class_name: &name,
            fields,
            consts: &consts,
            builtin: &builtin,
        };
        let sigs: HashMap<u32, u32> = cf
            .signatures()
            .map(|s| (s.ordinal, s.args.len() as u32))
            .collect();
        let line_maps: HashMap<u32, Vec<(u32, u32)>> = cf
            .line_maps()
            .map(|l| {
                let mut v: Vec<(u32, u32)> = l
                    .entries
                    .iter()
                    .filter(|(ip, line)| *ip >= 0 && *line >= 0)
                    .map(|&(ip, line)| (ip as u32, line as u32))
                    .collect();
                v.sort();
                (l.ordinal, v)
            })
            .collect();
        for mc in cf.methods() {
            if mc.ordinal > 4096 {
                return Err(lerr(
                    Some(mc.name.clone()),
                    None,
                    format!("method ordinal {} is too large", mc.ordinal),
                ));
            }
            let lines = line_maps.get(&mc.ordinal).cloned().unwrap_or_default();
            #[allow(unused_mut)]
            let mut m = prepare(
                &cx,
                &mc.name,
                mc.ordinal,
                sigs.get(&mc.ordinal).copied(),
                &mc.code,
                lines,
            )
            .map_err(|e| {
                lerr(
                    Some(format!("{} (ordinal {})", mc.name, mc.ordinal)),
                    Some(e.offset),
                    e.message,
                )
            })?;
            let o = mc.ordinal as usize;
            if methods.len() <= o {
                methods.resize(o + 1, Callee::Missing);
            }
            if method_names.len() <= o {
                method_names.resize(o + 1, String::new());
            }
            #[cfg(feature = "jit")]
            m.tier.hot.set(self.jit_threshold());
            self.methods.push(Box::new(m));
            methods[o] = Callee::Code(self.methods.len() as u32 - 1);
            method_names[o] = mc.name.clone();
        }
        Ok(ClassRt {
            obj: cls,
            name,
            methods,
            method_names,
            sys_id: None,
        })
    }

    /// Finds a class by name: loaded or internal, else through the user
    /// class loader (if one is registered), else from the host's class path.
    /// When no class has exactly this name, a class whose name differs only
    /// in ASCII case is taken, loaded or from the class path; if there are
    /// several, none is.
    pub fn find_class(&mut self, name: &str) -> Result<Ref, String> {
        match self.find_class_exact(name)? {
            Some(c) => Ok(c),
            None => self.find_class_ignoring_case(name),
        }
    }

    /// A loaded class or one from the class path whose name equals `name`
    /// ignoring ASCII case, if there is exactly one such name.
    fn find_class_ignoring_case(&mut self, name: &str) -> Result<Ref, String> {
        let mut names: Vec<String> = self
            .by_name
            .keys()
            .filter(|k| k.eq_ignore_ascii_case(name))
            .cloned()
            .collect();
        names.extend(self.host.class_names_ignoring_case(name));
        names.sort();
        names.dedup();
        match names.as_slice() {
            [] => Err(format!("class {name} not found")),
            [one] => {
                if let Some(&c) = self.by_name.get(one.as_str()) {
                    return Ok(c);
                }
                match self.host.class_file(one) {
                    Some(bytes) => self.define_class(&bytes).map_err(|e| e.to_string()),
                    None => Err(format!("class {name} not found")),
                }
            }
            several => Err(format!(
                "class {name} not found, and several classes have that name in other cases: {}",
                several.join(", ")
            )),
        }
    }

    /// [`Vm::find_class`] by the exact name: `Ok(None)` if nothing has it.
    fn find_class_exact(&mut self, name: &str) -> Result<Option<Ref>, String> {
        if let Some(&c) = self.by_name.get(name) {
            return Ok(Some(c));
        }
        if let Some(i) = internal_index(name) {
            return Ok(Some(self.internal[i]));
        }
        // A user class loader (`boot.setClassLoader`) is asked first; while
        // it runs, lookups of the same name (its own `boot.loadClass`) go to
        // the class path.
        let loader = self.heap.get_ref(self.root, root::CLASS_LOADER);
        let key = format!("loader:{name}");
        if !loader.is_null() && !self.loading.contains(&key) {
            self.loading.push(key.clone());
            let r = match self.new_string(name.as_bytes()) {
                Ok(s) => self.call_sync(loader, 8, &[s]),
                Err(x) => Err(x),
            };
            self.loading.retain(|n| *n != key);
            match r {
                Ok(c) if !c.is_null() && self.heap.flags(c) & F::IS_CLASS != 0 => {
                    self.by_name.insert(name.to_string(), c);
                    self.heap.dec(c);
                    return Ok(Some(c));
                }
                // Nothing usable: fall back to the class path.
                Ok(x) | Err(x) => self.heap.dec(x),
            }
        }
        match self.host.class_file(name) {
            Some(bytes) => self
                .define_class(&bytes)
                .map(Some)
                .map_err(|e| e.to_string()),
            None => Ok(None),
        }
    }

    /// Loads a class from class file bytes (its parent is found first).
    pub fn define_class(&mut self, bytes: &[u8]) -> Result<Ref, LoadError> {
        let cf = parse_class(bytes)?;
        let name = cf.class.name.clone();
        let lerr = |msg: String| LoadError {
            class: name.clone(),
            method: None,
            offset: None,
            message: msg,
        };
        if let Some(&c) = self.by_name.get(&name) {
            return Ok(c);
        }
        if internal_index(&name).is_some() {
            return Err(lerr(String::from("the name of an internal class")));
        }
        if self.loading.contains(&name) {
            return Err(lerr(String::from("the class inherits from itself")));
        }
        let parent_name = if cf.class.parent.is_empty() {
            ".internal.object"
        } else {
            cf.class.parent.as_str()
        };
        self.loading.push(name.clone());
        let parent = self.find_class(parent_name);
        self.loading.retain(|n| *n != name);
        let parent = parent.map_err(|e| lerr(format!("parent {parent_name}: {e}")))?;
        if let Some(id) = self.heap.sys_id(parent) {
            if id != sys::VOID {
                return Err(lerr(format!(
                    "cannot extend the internal class {parent_name}"
                )));
            }
        }
        let parent_cells = self.heap.get(parent, C::INST_CELLS);
        let max_field = cf
            .fields()
            .map(|f| f.ordinal.saturating_add(1))
            .max()
            .unwrap_or(0);
        let cells = cf.class.n_fields.max(parent_cells).max(max_field);
        if cells > 1 << 16 {
            return Err(lerr(format!("{cells} fields is too many")));
        }
        let max_const = cf
            .consts()
            .map(|c| c.id.saturating_add(1))
            .max()
            .unwrap_or(0);
        if max_const > 1 << 20 {
            return Err(lerr(format!("constant id {} is too large", max_const - 1)));
        }

        let oom = |_| lerr(String::from("out of memory"));
        let cls = self
            .heap
            .alloc(
                self.internal[sys::CLASS],
                F::IS_INTERNAL | F::IS_CLASS,
                C::CELLS,
            )
            .map_err(oom)?;
        self.heap.saturate(cls);
        let n = self.perm_string(name.as_bytes());
        self.heap.set(cls, C::NAME, n.0);
        self.heap.set(cls, C::PARENT, parent.0);
        let file = self
            .heap
            .new_bytes(
                self.internal[sys::BINARY],
                INTERNAL[sys::BINARY].flags,
                bytes,
            )
            .map_err(oom)?;
        self.heap.saturate(file);
        self.heap.set(cls, C::FILE, file.0);
        if max_const > 0 {
            let page = self
                .heap
                .alloc(self.internal[sys::PAGE], 0, max_const)
                .map_err(oom)?;
            self.heap.saturate(page);
            for c in cf.consts() {
                let s = self.perm_string(&c.bytes);
                self.heap.set(page, c.id, s.0);
            }
            self.heap.set(cls, C::CONSTS, page.0);
        }
        self.heap.set(cls, C::SYS_ID, u32::MAX);
        self.heap.set(cls, C::INST_FLAGS, 0);
        self.heap.set(cls, C::INST_CELLS, cells);
        self.heap.set(cls, CLASS_INST_REFS, u32::MAX);
        // Prepare and verify every method now, so that a bad class is
        // refused before anything can use it.
        let rt = self.loaded_rt(cls)?;
        self.classes.push(rt);
        let idx = self.classes.len() - 1;
        self.heap.set(cls, C::RT_EPOCH, self.epoch);
        self.heap.set(cls, C::RT_INDEX, idx as u32);
        self.by_name.insert(name.clone(), cls);
        let list = self.heap.get_ref(self.root, root::CLASSES);
        let len = self.array_len(list);
        if self.array_set(list, len, cls).is_err() {
            // Not in the persistent class list, so a collection could free
            // it: it must not stay findable by name either.
            self.by_name.remove(&name);
            return Err(lerr(String::from("out of memory")));
        }
        Ok(cls)
    }

    /// Loads a class that takes the place of a loaded class of the same
    /// name for every lookup by name from now on (a program started again
    /// in a persistent world after its source changed); objects made from
    /// the old class keep it. An unchanged class (the same file apart from
    /// its version stamp) stays as it is.
    pub fn replace_class(&mut self, bytes: &[u8]) -> Result<Ref, LoadError> {
        let cf = parse_class(bytes)?;
        let name = cf.class.name.clone();
        let Some(&old) = self.by_name.get(&name) else {
            return self.define_class(bytes);
        };
        if internal_index(&name).is_some() {
            return Ok(old);
        }
        let unstamped = |mut c: ClassFile| {
            c.class.version = None;
            c.write()
        };
        let old_file = Ref(self.heap.get(old, C::FILE));
        if let Ok(prev) = ClassFile::parse(self.heap.bytes(old_file)) {
            if unstamped(prev) == unstamped(cf) {
                return Ok(old);
            }
        }
        self.by_name.remove(&name);
        let new = match self.define_class(bytes) {
            Ok(c) => c,
            Err(e) => {
                self.by_name.insert(name, old);
                return Err(e);
            }
        };
        // The persistent class list names each class once: the new class
        // (appended last) moves into the old one's place.
        let list = self.heap.get_ref(self.root, root::CLASSES);
        let n = self.array_len(list);
        if let Some(i) = (0..n).find(|&i| self.array_get(list, i) == old) {
            self.heap.inc(new);
            let _ = self.array_set(list, i, new);
            let page = self.heap.get_ref(list, 0);
            self.heap.put_ref(page, n - 1, Ref::NULL);
            self.heap.set(list, 1, n - 1);
        }
        Ok(new)
    }

    /// The method at `ordinal` of `cls`.
    pub fn method_of(&mut self, cls: Ref, ordinal: u32) -> Callee {
        let i = self.rt(cls);
        self.classes[i]
            .methods
            .get(ordinal as usize)
            .copied()
            .unwrap_or(Callee::Missing)
    }

    /// Name of a method, for messages.
    pub fn method_name(&mut self, cls: Ref, ordinal: u32) -> String {
        let i = self.rt(cls);
        match self.classes[i].method_names.get(ordinal as usize) {
            Some(n) if !n.is_empty() => n.clone(),
            _ => format!("#{ordinal}"),
        }
    }

    // ---- threads

    /// Creates a thread object and a thread whose first frame runs method
    /// `ordinal` of `obj` with `args` (owned references). Returns its id.
    pub fn spawn(&mut self, obj: Ref, ordinal: u32, args: &[Ref]) -> Result<u32, Ref> {
        let tobj = self.new_instance(self.internal[sys::THREAD])?;
        let id = self.threads.len() as u32;
        self.heap.set(tobj, T::ID, id);
        let list = self.heap.get_ref(self.root, root::THREADS);
        let len = self.array_len(list);
        self.heap.inc(tobj);
        self.array_set(list, len, tobj)?;
        let mut th = Box::new(Thread::new(id, tobj));
        if let Err(x) = self.push_call(&mut th, obj, ordinal, args) {
            self.heap.dec(tobj);
            return Err(x);
        }
        self.threads.push(Some(th));
        self.new_threads.push(id);
        Ok(id)
    }

    /// Sets up a call of method `ordinal` of `obj` as the new top frame
    /// of `th` (arguments are owned references; the count goes on the
    /// integer stack as a caller would push it).
    pub fn push_call(
        &mut self,
        th: &mut Thread,
        obj: Ref,
        ordinal: u32,
        args: &[Ref],
    ) -> Result<(), Ref> {
        let cls = if obj.is_null() {
            self.internal[sys::VOID]
        } else {
            self.heap.class_of(obj)
        };
        match self.method_of(cls, ordinal) {
            Callee::Code(mi) => {
                let m = &self.methods[mi as usize];
                if m.nargs as usize != args.len() {
                    let msg = format!(
                        "invalid arg count: {} takes {}, got {}",
                        m.name,
                        m.nargs,
                        args.len()
                    );
                    for &a in args {
                        self.heap.dec(a);
                    }
                    self.heap.dec(obj);
                    return Err(self.exception(&msg));
                }
                let base = th.os.len() as u32;
                th.os.extend_from_slice(args);
                let is_base = th.is.len() as u32;
                th.is.push(args.len() as u32);
                th.frames.push(Frame {
                    method: mi,
                    this: obj,
                    pc: 0,
                    os_base: base,
                    is_base,
                    es_base: th.es.len() as u32,
                });
                Ok(())
            }
            _ => {
                let name = self.heap.class_name(cls);
                for &a in args {
                    self.heap.dec(a);
                }
                self.heap.dec(obj);
                Err(self.new_string(format!("{name} has no method {ordinal}").as_bytes())?)
            }
        }
    }

    /// Every reference the VM holds outside the object graph: the root and
    /// every thread's stacks. `running` is a thread taken out of the table.
    pub fn roots(&self, running: &[&Thread]) -> Vec<Ref> {
        let mut v = alloc::vec![self.root];
        v.extend(self.internal.iter().copied());
        for th in self
            .threads
            .iter()
            .flatten()
            .map(|b| &**b)
            .chain(running.iter().copied())
        {
            th.roots(&mut v);
        }
        v
    }

    /// Runs the mark/sweep collector (at a safepoint: no thread running).
    pub fn collect(&mut self, running: &[&Thread]) -> crate::heap::GcStats {
        let roots = self.roots(running);
        self.heap.collect(&roots)
    }
}

impl Vm {
    /// Ordinal of the no-argument constructor of `cls`, if it has one.
    pub fn constructor_ordinal(&mut self, cls: Ref) -> Option<u32> {
        let i = self.rt(cls);
        let rt = &self.classes[i];
        rt.method_names.iter().enumerate().find_map(|(o, n)| {
            if n != "<init>" {
                return None;
            }
            match rt.methods.get(o) {
                Some(Callee::Code(mi)) if self.methods[*mi as usize].nargs == 0 => Some(o as u32),
                _ => None,
            }
        })
    }
}

/// Parses a class file, as a load error naming no class yet.
fn parse_class(bytes: &[u8]) -> Result<ClassFile, LoadError> {
    ClassFile::parse(bytes).map_err(|e| LoadError {
        class: String::from("?"),
        method: None,
        offset: None,
        message: format!("{e}"),
    })
}
