//! A thread stopped mid-loop, saved into the object memory, and rebuilt by
//! a second VM over the same memory goes on where it stopped.

use classfile::bytecode::encode;
use classfile::records::{ClassFile, ClassHeader, MethodCode, Record};
use ir::code::{ArithOp, Label, Op};
use ir::types::NumKind;
use phantom_vm::heap::Region;
use phantom_vm::object::sys;
use phantom_vm::{Exit, Host, Vm};

/// Memory that outlives one VM, like an image file mapped again.
struct Shared(*mut u32, usize);
// SAFETY: the test uses one VM at a time.
unsafe impl Send for Shared {}
impl Region for Shared {
    fn base(&mut self) -> *mut u32 {
        self.0
    }
    fn cells(&self) -> usize {
        self.1
    }
}

struct Clock(u64);
impl Host for Clock {
    fn stdout(&mut self, _: &[u8]) {}
    fn stderr(&mut self, _: &[u8]) {}
    fn now_ms(&self) -> u64 {
        self.0
    }
    fn wall_ms(&self) -> u64 {
        0
    }
    fn class_file(&mut self, _: &str) -> Option<Vec<u8>> {
        None
    }
    fn read_line(&mut self) -> Option<Vec<u8>> {
        None
    }
}

/// Method 8: keeps a string in an object slot, counts 100,000 down in an
/// int slot while summing into another, and returns the sum boxed.
fn program() -> Vec<u8> {
    let (top, done) = (Label(0), Label(1));
    let ops = vec![
        Op::StackReserve { obj: 1, int: 2 },
        Op::SConst(b"kept".to_vec()),
        Op::OsSet(0),
        Op::IConst(NumKind::Int, 100_000),
        Op::IsSet(NumKind::Int, 0),
        Op::Label(top),
        Op::IsGet(NumKind::Int, 0),
        Op::Jz(done),
        Op::IsGet(NumKind::Int, 1),
        Op::IsGet(NumKind::Int, 0),
        Op::Arith(NumKind::Int, ArithOp::Add),
        Op::IsSet(NumKind::Int, 1),
        Op::IsGet(NumKind::Int, 0),
        Op::IConst(NumKind::Int, 1),
        Op::Arith(NumKind::Int, ArithOp::SubLu),
        Op::IsSet(NumKind::Int, 0),
        Op::Jmp(top),
        Op::Label(done),
        Op::OsGet(0),
        Op::IsGet(NumKind::Int, 1),
        Op::I2o(NumKind::Int),
        Op::Call { ord: 10, nargs: 1 },
        Op::Ret,
    ];
    ClassFile {
        class: ClassHeader {
            name: ".t.counter".into(),
            n_fields: 0,
            n_methods: 16,
            parent: ".internal.object".into(),
            version: None,
        },
        records: vec![Record::Method(MethodCode {
            name: "run".into(),
            ordinal: 8,
            code: encode(&ops).unwrap().bytes,
        })],
    }
    .write()
}

/// A first "process": a VM over fresh memory (that outlives it) with the
/// counter's thread run for one slice and back in the thread table, at a
/// safepoint. Returns the memory, the VM and the thread's id.
fn first_process(clock: u64) -> (Shared, Vm, usize) {
    let cells = 1 << 20;
    let mem: &'static mut [u32] = Box::leak(vec![0u32; cells].into_boxed_slice());
    let base = mem.as_mut_ptr();
    let mut vm = Vm::new(Box::new(Shared(base, cells)), Box::new(Clock(clock)), &[]);
    assert!(!vm.restored);
    vm.define_class(&program()).unwrap();
    let cls = vm.find_class(".t.counter").unwrap();
    let obj = vm.new_instance(cls).unwrap();
    let id = vm.spawn(obj, 8, &[]).unwrap() as usize;
    let mut th = vm.threads[id].take().unwrap();
    assert!(matches!(vm.run(&mut th, 5_000), Exit::Budget));
    vm.threads[id] = Some(th);
    (Shared(base, cells), vm, id)
}

#[test]
fn a_saved_thread_resumes_in_a_new_vm() {
    // First "process": run part of the loop, then save at a safepoint.
    let (mem, mut vm, id) = first_process(1000);
    let th = vm.threads[id].as_ref().unwrap();
    let pc_before = th.frames.last().unwrap().pc;
    let (tobj, this) = (th.obj, th.frames[0].this);
    let counts_before = (vm.heap.refcount(tobj), vm.heap.refcount(this));
    vm.save_threads().unwrap();
    // The process dies: nothing outside the memory survives.
    std::mem::forget(vm);

    // Second "process" over the same memory, with a different clock.
    let mut vm = Vm::new(Box::new(mem), Box::new(Clock(5)), &[]);
    assert!(vm.restored);
    let errors = vm.restore_threads();
    assert!(errors.is_empty(), "{errors:?}");
    let ids = std::mem::take(&mut vm.new_threads);
    assert_eq!(ids.len(), 1);
    let mut th = vm.threads[ids[0] as usize].take().unwrap();
    assert_eq!(th.frames.last().unwrap().pc, pc_before);
    // The counts the old thread held are the new thread's: a restart
    // neither leaks nor double-counts them.
    assert_eq!(th.obj, tobj);
    assert_eq!(
        (vm.heap.refcount(tobj), vm.heap.refcount(this)),
        counts_before
    );
    loop {
        match vm.run(&mut th, 5_000) {
            Exit::Budget => {}
            Exit::Done => break,
            other => panic!("{other:?}"),
        }
    }
    let r = th.result;
    assert_eq!(vm.sys_of(r), Some(sys::STRING));
    // 1 + 2 + ... + 100000, wrapped to 32 bits, after the kept string.
    let sum = (100_000u64 * 100_001 / 2) as u32 as i32;
    assert_eq!(
        String::from_utf8_lossy(vm.heap.bytes(r)),
        format!("kept{sum}")
    );
}

#[test]
fn a_damaged_saved_state_is_refused_not_a_panic() {
    use phantom_vm::object::thread as T;
    let (mem, mut vm, id) = first_process(0);
    let tobj = vm.threads[id].as_ref().unwrap().obj;
    vm.save_threads().unwrap();
    // Cut the saved words down to the fixed header: the clock is missing.
    let state = vm.heap.get_ref(tobj, T::STATE);
    let bin = vm.heap.get_ref(state, 1);
    vm.heap.set(bin, 0, 9 * 4);
    std::mem::forget(vm);

    let mut vm = Vm::new(Box::new(mem), Box::new(Clock(0)), &[]);
    let errors = vm.restore_threads();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(vm.new_threads.is_empty());
}
