//! Unit tests of each lowering, against a mock runtime: Vec-backed
//! stacks, a table of reference-counted objects, test services.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use std::format;

use ir::code::{ArithOp, Code, Label, Op};
use ir::types::NumKind::{self, Int, Long};

use crate::loader::MmapAlloc;
use crate::runtime::{Ctx, Fault, Runtime, Status};
use crate::{CompileError, Jit};

mod prop;

/// A mock object: an int value if it is a box, a text if it is a string.
/// Its class cell, reference count and int value are in the mock's object
/// memory ([`Mock::heap`]), as compiled code expects them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Obj {
    pub int: Option<i32>,
    pub text: Option<String>,
}

/// Cells per mock object in [`Mock::heap`] (references are multiples).
const SPACING: u32 = 8;
/// The mock's class of boxed ints, and of everything else.
const INT_CLASS: u32 = 1;
const OTHER_CLASS: u32 = 2;
/// The mock's class of arrays.
const ARRAY_CLASS: u32 = 3;
/// Ints with a shared (saturated) box in the mock.
pub(crate) const CACHE_MIN: i32 = 77;
pub(crate) const CACHE_MAX: i32 = 80;

/// Snapshot taken by the probe call (`call 99 0`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Probe {
    pub is: Vec<u32>,
    pub os: Vec<u32>,
    pub pc: u32,
}

pub(crate) struct Mock {
    pub objs: Vec<Obj>,
    /// The object memory: object `r` (a multiple of [`SPACING`]) has its
    /// class in cell `r`, its count in `r + 1`, its int in `r + 4`. Never
    /// grows, so compiled code may keep its address.
    pub heap: Vec<u32>,
    /// The first shared int box.
    pub cache: u32,
    pub probes: Vec<Probe>,
    pub calls: Vec<(u32, u32, u32)>,
    pub suspend_calls: bool,
    pub fail_alloc: bool,
    /// The method's ops (pseudo-ops left out), for the `step` service.
    pub ops: Vec<Op>,
    /// The pcs the `step` service ran.
    pub steps: Vec<u32>,
    /// Calls of the `box_int` and `unbox_int` services.
    pub boxing_calls: u32,
    /// The code's site caches.
    pub sites: Vec<u32>,
}

pub(crate) const PROBE: u32 = 99;

impl Mock {
    pub fn new() -> Mock {
        let mut m = Mock {
            objs: vec![Obj {
                int: None,
                text: None,
            }],
            heap: vec![0; (SPACING * 4096) as usize],
            cache: 0,
            probes: Vec::new(),
            calls: Vec::new(),
            suspend_calls: false,
            fail_alloc: false,
            ops: Vec::new(),
            steps: Vec::new(),
            boxing_calls: 0,
            sites: vec![0; 64],
        };
        for v in CACHE_MIN..=CACHE_MAX {
            let r = m.new_obj(Some(v), None);
            m.heap[r as usize + 1] = u32::MAX;
            if v == CACHE_MIN {
                m.cache = r;
            }
        }
        m
    }

    pub fn new_obj(&mut self, int: Option<i32>, text: Option<String>) -> u32 {
        let r = self.objs.len() as u32 * SPACING;
        assert!(
            ((r + SPACING) as usize) <= self.heap.len(),
            "mock heap full"
        );
        let h = &mut self.heap[r as usize..];
        h[0] = if int.is_some() {
            INT_CLASS
        } else {
            OTHER_CLASS
        };
        h[1] = 1;
        h[4] = int.unwrap_or(0) as u32;
        self.objs.push(Obj { int, text });
        r
    }

    /// The object `r`.
    pub fn obj(&self, r: u32) -> &Obj {
        assert_eq!(r % SPACING, 0, "{r} is not a mock reference");
        &self.objs[(r / SPACING) as usize]
    }

    /// The reference count of `r` (-1: shared, never counted).
    pub fn rc(&self, r: u32) -> i64 {
        self.heap[r as usize + 1] as i32 as i64
    }

    /// Whether every object but the shared ones has no reference left.
    pub fn all_released(&self) -> bool {
        (1..self.objs.len() as u32)
            .map(|i| i * SPACING)
            .all(|r| matches!(self.rc(r), 0 | -1))
    }

    fn dec(&mut self, r: u32) {
        if r != 0 && self.rc(r) != -1 {
            assert!(self.rc(r) >= 1, "object {r} released too often");
            self.heap[r as usize + 1] -= 1;
        }
    }
}

unsafe fn mock<'a>(ctx: *mut Ctx) -> (&'a mut Ctx, &'a mut Mock) {
    let c = &mut *ctx;
    let m = &mut *(c.vm as *mut Mock);
    (c, m)
}

unsafe fn os_at(c: &Ctx, i: u32) -> *mut u32 {
    c.os.add(i as usize)
}

unsafe extern "C" fn inc_ref(ctx: *mut Ctx, r: u32) {
    let (_, m) = mock(ctx);
    assert_ne!(r, 0, "inc_ref of null");
    if m.rc(r) != -1 {
        m.heap[r as usize + 1] += 1;
    }
}

unsafe extern "C" fn dec_ref(ctx: *mut Ctx, r: u32) {
    let (_, m) = mock(ctx);
    assert_ne!(r, 0, "dec_ref of null");
    m.dec(r);
}

unsafe fn throw_text(ctx: *mut Ctx, text: String) -> u32 {
    let (c, m) = mock(ctx);
    c.exception = m.new_obj(None, Some(text));
    Status::Threw as u32
}

unsafe extern "C" fn box_int(ctx: *mut Ctx, v: u32) -> u32 {
    let (c, m) = mock(ctx);
    m.boxing_calls += 1;
    if m.fail_alloc {
        return throw_text(ctx, "out of memory".to_string());
    }
    let v = v as i32;
    let b = if (CACHE_MIN..=CACHE_MAX).contains(&v) {
        m.cache + (v - CACHE_MIN) as u32 * SPACING
    } else {
        m.new_obj(Some(v), None)
    };
    *os_at(c, c.os_len) = b;
    c.os_len += 1;
    0
}

unsafe extern "C" fn unbox_int(ctx: *mut Ctx) -> u32 {
    let (c, m) = mock(ctx);
    m.boxing_calls += 1;
    c.os_len -= 1;
    let o = *os_at(c, c.os_len);
    let v = if o == 0 { None } else { m.obj(o).int };
    m.dec(o);
    match v {
        Some(v) => {
            *c.is.add(c.is_len as usize) = v as u32;
            c.is_len += 1;
            0
        }
        None => throw_text(ctx, "type assert failed: not a number".to_string()),
    }
}

unsafe fn do_call(ctx: *mut Ctx, ord: u32, popped: u32) -> u32 {
    let (c, m) = mock(ctx);
    m.calls.push((ord, popped, c.pc));
    c.budget -= 1;
    if ord == PROBE {
        let is = core::slice::from_raw_parts(c.is, c.is_len as usize).to_vec();
        let os = core::slice::from_raw_parts(c.os, c.os_len as usize).to_vec();
        m.probes.push(Probe { is, os, pc: c.pc });
    }
    if m.suspend_calls {
        return Status::Suspended as u32;
    }
    // Release the receiver and arguments; the result is a new box of the
    // ordinal.
    for _ in 0..popped {
        c.os_len -= 1;
        let x = *os_at(c, c.os_len);
        m.dec(x);
    }
    let r = m.new_obj(Some(ord as i32), None);
    *os_at(c, c.os_len) = r;
    c.os_len += 1;
    if c.budget <= 0 {
        Status::Yield as u32
    } else {
        0
    }
}

unsafe extern "C" fn call(ctx: *mut Ctx, ord: u32, nargs: u32) -> u32 {
    do_call(ctx, ord, nargs + 1)
}

unsafe extern "C" fn static_invoke(ctx: *mut Ctx, ord: u32, nargs: u32) -> u32 {
    do_call(ctx, ord, nargs + 2)
}

unsafe extern "C" fn fault(ctx: *mut Ctx, f: u32, a: u32, b: u32) -> u32 {
    let f = Fault::from_u32(f).expect("a known fault");
    throw_text(ctx, f.message(a, b, "m"))
}

/// The mock interpreter: runs the few ops the step tests use.
unsafe extern "C" fn step(ctx: *mut Ctx) -> u32 {
    let (c, m) = mock(ctx);
    m.steps.push(c.pc);
    let op = m.ops[c.pc as usize].clone();
    c.pc += 1;
    let pop_cell = |c: &mut Ctx| {
        c.is_len -= 1;
        *c.is.add(c.is_len as usize)
    };
    let push_cell = |c: &mut Ctx, v: u32| {
        *c.is.add(c.is_len as usize) = v;
        c.is_len += 1;
    };
    match op {
        Op::Load(n) => {
            let o = m.new_obj(Some(n as i32), None);
            *os_at(c, c.os_len) = o;
            c.os_len += 1;
        }
        Op::SConst(b) => {
            let o = m.new_obj(None, Some(String::from_utf8(b).unwrap()));
            *os_at(c, c.os_len) = o;
            c.os_len += 1;
        }
        Op::SummonClass(_) => {
            let o = m.new_obj(None, Some("class".to_string()));
            *os_at(c, c.os_len) = o;
            c.os_len += 1;
        }
        Op::Throw => {
            c.os_len -= 1;
            c.exception = *os_at(c, c.os_len);
            return Status::Threw as u32;
        }
        Op::Arith(NumKind::Double, ArithOp::Add) => {
            let pop = |c: &mut Ctx| {
                let lo = pop_cell(c);
                let hi = pop_cell(c);
                f64::from_bits(u64::from(hi) << 32 | u64::from(lo))
            };
            let b = pop(c);
            let a = pop(c);
            let r = (a + b).to_bits();
            push_cell(c, (r >> 32) as u32);
            push_cell(c, r as u32);
        }
        op => panic!("the mock cannot step {op:?}"),
    }
    0
}

pub(crate) static RT: Runtime = Runtime {
    inc_ref,
    dec_ref,
    box_int,
    unbox_int,
    call,
    static_invoke,
    fault,
    step,
    array_get,
    array_set,
    concat_set,
    new_object,
};

/// The mock's `new`: the class popped, a new object pushed.
unsafe extern "C" fn new_object(ctx: *mut Ctx) -> u32 {
    let (c, m) = mock(ctx);
    let cls = *os_at(c, c.os_len - 1);
    m.dec(cls);
    *os_at(c, c.os_len - 1) = m.new_obj(None, Some("instance".to_string()));
    0
}

/// The mock's `s = s.concat(x)`: always the call.
unsafe extern "C" fn concat_set(ctx: *mut Ctx, _slot: u32) -> u32 {
    call(ctx, 10, 1)
}

/// The mock's index operators: boxes the index and makes the call.
unsafe extern "C" fn array_get(ctx: *mut Ctx, i: u32) -> u32 {
    match box_int(ctx, i) {
        0 => call(ctx, 10, 1),
        st => st,
    }
}

unsafe extern "C" fn array_set(ctx: *mut Ctx, i: u32) -> u32 {
    match box_int(ctx, i) {
        0 => call(ctx, 11, 2),
        st => st,
    }
}

/// The result of running a method on the mock.
pub(crate) struct Run {
    pub status: Status,
    pub mock: Mock,
    pub os: Vec<u32>,
    pub is: Vec<u32>,
    pub pc: u32,
    pub result: u32,
    pub exception: u32,
}

impl Run {
    pub fn exception_text(&self) -> Option<&str> {
        self.mock.obj(self.exception).text.as_deref()
    }
}

/// A frame on the mock: stacks with room, `nargs` argument objects.
pub(crate) struct Frame {
    pub os: Vec<u32>,
    pub is: Vec<u32>,
    pub ctx: Ctx,
    pub mock: Box<Mock>,
}

impl Frame {
    pub fn new(args: &[u32], mock: Mock) -> Frame {
        let mut os = vec![0u32; 4096];
        let mut is = vec![0u32; 4096];
        os[..args.len()].copy_from_slice(args);
        is[0] = args.len() as u32;
        let mut mock = Box::new(mock);
        let ctx = Ctx {
            os: os.as_mut_ptr(),
            is: is.as_mut_ptr(),
            vm: (&mut *mock as *mut Mock).cast(),
            rt: &RT,
            budget: 1 << 40,
            os_len: args.len() as u32,
            is_len: 1,
            this: 0,
            pc: 0,
            stop: 0,
            result: 0,
            exception: 0,
            heap: mock.heap.as_mut_ptr(),
            int_class: INT_CLASS,
            int_cache: mock.cache,
            int_cache_min: CACHE_MIN,
            int_cache_max: CACHE_MAX,
            int_cache_stride: SPACING,
            array_class: ARRAY_CLASS,
            sites: mock.sites.as_mut_ptr(),
        };
        Frame { os, is, ctx, mock }
    }
}

pub(crate) fn code(ops: Vec<Op>) -> Code {
    let labels = ops
        .iter()
        .flat_map(|o| match o {
            Op::Label(l) => Some(l.0 + 1),
            _ => o.targets().map(|l| l.0 + 1).max(),
        })
        .max()
        .unwrap_or(0);
    Code { ops, labels }
}

/// The reference of the `i`th object a test makes (after the shared
/// boxes).
pub(crate) fn arg(i: u32) -> u32 {
    (1 + (CACHE_MAX - CACHE_MIN) as u32 + 1 + i) * SPACING
}

/// Compiles and runs `ops` on a fresh mock frame with `args` (objects made
/// by `setup`).
fn run_with(
    ops: Vec<Op>,
    setup: impl FnOnce(&mut Mock) -> Vec<u32>,
    tweak: impl FnOnce(&mut Frame),
) -> Run {
    let c = code(ops);
    let mut m = Mock::new();
    m.ops = c.ops.iter().filter(|o| !o.is_pseudo()).cloned().collect();
    let args = setup(&mut m);
    let compiled = Jit::new().unwrap().compile(&c, args.len() as u32).unwrap();
    let loaded = MmapAlloc::load(&compiled).unwrap();
    let mut f = Frame::new(&args, m);
    tweak(&mut f);
    let status = unsafe { loaded.run(&mut f.ctx) };
    Run {
        status,
        os: f.os[..f.ctx.os_len as usize].to_vec(),
        is: f.is[..f.ctx.is_len as usize].to_vec(),
        pc: f.ctx.pc,
        result: f.ctx.result,
        exception: f.ctx.exception,
        mock: *f.mock,
    }
}

fn run(ops: Vec<Op>) -> Run {
    run_with(ops, |_| Vec::new(), |_| {})
}

/// Runs `ops` then a probe; returns the integer stack the probe saw
/// (without the argument-count cell).
fn ints(mut ops: Vec<Op>) -> Vec<u32> {
    ops.extend([
        Op::SummonNull,
        Op::Call {
            ord: PROBE,
            nargs: 0,
        },
        Op::Ret,
    ]);
    let r = run(ops);
    assert_eq!(
        r.status,
        Status::Returned,
        "exception {:?}",
        r.exception_text()
    );
    assert_eq!(r.mock.probes.len(), 1);
    r.mock.probes[0].is[1..].to_vec()
}

fn i(v: i32) -> Op {
    Op::IConst(Int, v)
}

fn l(v: i64) -> Op {
    Op::IConst64(v)
}

fn ar(k: NumKind, a: ArithOp) -> Op {
    Op::Arith(k, a)
}

fn split(v: i64) -> [u32; 2] {
    [(v as u64 >> 32) as u32, v as u32]
}

#[test]
fn int_arith_wraps() {
    use ArithOp::*;
    let cases: &[(i32, i32, ArithOp, i32)] = &[
        (i32::MAX, 1, Add, i32::MIN),
        (i32::MIN, 1, SubLu, i32::MAX),
        (3, 10, SubLu, -7),
        (3, 10, SubUl, 7),
        (0x10000, 0x10000, Mul, 0),
        (-7, 2, DivLu, -3),
        (-7, 2, RemLu, -1),
        (2, -7, DivUl, -3),
        (2, -7, RemUl, -1),
        (i32::MIN, -1, DivLu, i32::MIN),
        (i32::MIN, -1, RemLu, 0),
        (-1, i32::MIN, DivUl, i32::MIN),
        (6, 3, Or, 7),
        (6, 3, And, 2),
        (6, 3, Xor, 5),
        (6, 0, LogOr, 1),
        (0, 0, LogOr, 0),
        (6, 0, LogAnd, 0),
        (6, -1, LogAnd, 1),
        (6, -1, LogXor, 0),
        (0, -1, LogXor, 1),
        (1, 2, Ge, 0),
        (2, 2, Ge, 1),
        (-1, 2, Le, 1),
        (-1, 2, Gt, 0),
        (-1, 2, Lt, 1),
        (33, 1, Shl, 1 << 1),
        (4, -16, Shr, -1),
        (4, -16, Ushr, 0x0FFF_FFFF),
        (31, 1, Shl, i32::MIN),
    ];
    for &(a, b, op, want) in cases {
        // Shifts: the count is below the value.
        assert_eq!(
            ints(vec![i(a), i(b), ar(Int, op)]),
            vec![want as u32],
            "{a} {op:?} {b}"
        );
    }
    assert_eq!(ints(vec![i(5), ar(Int, Not)]), vec![!5u32]);
    assert_eq!(ints(vec![i(5), ar(Int, LogNot)]), vec![0]);
    assert_eq!(ints(vec![i(0), ar(Int, LogNot)]), vec![1]);
}

#[test]
fn long_arith_wraps() {
    use ArithOp::*;
    let cases: &[(i64, i64, ArithOp, i64)] = &[
        (i64::MAX, 1, Add, i64::MIN),
        (1 << 32, 1, SubLu, 0xFFFF_FFFF),
        (
            0x1_0000_0003,
            0x1_0000_0005,
            Mul,
            0x1_0000_0003i64.wrapping_mul(0x1_0000_0005),
        ),
        (-(1 << 40), 3, DivLu, -(1 << 40) / 3),
        (-(1 << 40), 3, RemLu, -(1 << 40) % 3),
        (3, -(1 << 40), DivUl, -(1 << 40) / 3),
        (i64::MIN, -1, DivLu, i64::MIN),
        (i64::MIN, -1, RemLu, 0),
        (0xF0, 0x0F << 32, Or, 0xF0 | (0x0F << 32)),
        (0, 1 << 33, LogOr, 1),
        (1 << 33, 1, LogAnd, 1),
        (1 << 33, 0, LogXor, 1),
    ];
    for &(a, b, op, want) in cases {
        assert_eq!(
            ints(vec![l(a), l(b), ar(Long, op)]),
            split(want).to_vec(),
            "{a} {op:?} {b}"
        );
    }
    // Comparisons yield one int cell.
    assert_eq!(ints(vec![l(-1), l(1 << 33), ar(Long, Lt)]), vec![1]);
    assert_eq!(ints(vec![l(1 << 33), l(1), ar(Long, Le)]), vec![0]);
    assert_eq!(ints(vec![l(1 << 33), l(1), ar(Long, Gt)]), vec![1]);
    assert_eq!(ints(vec![l(5), l(5), ar(Long, Ge)]), vec![1]);
    // Shifts: int count below the long value, masked to 63.
    assert_eq!(
        ints(vec![i(64 + 33), l(1), ar(Long, Shl)]),
        split(1 << 33).to_vec()
    );
    assert_eq!(
        ints(vec![i(4), l(-256), ar(Long, Shr)]),
        split(-16).to_vec()
    );
    assert_eq!(ints(vec![i(60), l(-1), ar(Long, Ushr)]), split(15).to_vec());
    assert_eq!(ints(vec![l(0), ar(Long, LogNot)]), split(1).to_vec());
    assert_eq!(
        ints(vec![l(1 << 32), ar(Long, Not)]),
        split(!(1 << 32)).to_vec()
    );
}

#[test]
fn constants_of_every_kind_are_bits() {
    assert_eq!(
        ints(vec![Op::IConst(NumKind::Float, 0x3F80_0000)]),
        vec![0x3F80_0000]
    );
    assert_eq!(ints(vec![Op::IConst(Long, -2)]), split(-2).to_vec());
    assert_eq!(
        ints(vec![Op::IConst(NumKind::Double, -2)]),
        split(-2).to_vec()
    );
    assert_eq!(
        ints(vec![l(0x1234_5678_9ABC_DEF0)]),
        split(0x1234_5678_9ABC_DEF0).to_vec()
    );
}

#[test]
fn conversions_int_long() {
    let c = |from, to| Op::Convert { from, to };
    assert_eq!(ints(vec![i(-3), c(Int, Long)]), split(-3).to_vec());
    assert_eq!(
        ints(vec![l(0x7_FFFF_FFFE), c(Long, Int)]),
        vec![0xFFFF_FFFE]
    );
}

#[test]
fn integer_stack_ops_and_locals() {
    let ops = vec![
        Op::StackReserve { obj: 0, int: 3 },
        i(7),
        Op::IsDup(Int),
        Op::IsSet(Int, 1),
        Op::IsGet(Int, 1),
        ar(Int, ArithOp::Add),
        Op::IsSet(Int, 2),
        l(-5),
        Op::IsDup(Long),
        Op::IsDrop(Long),
        Op::IsSet(Long, 2),
        Op::IsGet(Int, 1),
        Op::IsGet(Long, 2),
    ];
    let mut want = vec![7, 0xFFFF_FFFF, (-5i32) as u32, 7];
    want.extend(split(-5));
    assert_eq!(ints(ops), want);
}

#[test]
fn jumps_jz_djnz() {
    // sum = 0; for (n = 10; n != 0; n--) sum += n
    let ops = vec![
        Op::StackReserve { obj: 0, int: 1 },
        i(10),
        Op::Label(Label(0)),
        Op::IsGet(Int, 1),
        Op::IsGet(Int, 2),
        ar(Int, ArithOp::Add),
        Op::IsSet(Int, 1),
        Op::Djnz(Label(0)),
        Op::IsDrop(Int),
        // if (sum == 55) x = 1 else x = 2
        Op::IsGet(Int, 1),
        i(55),
        ar(Int, ArithOp::SubLu),
        Op::Jz(Label(1)),
        i(2),
        Op::Jmp(Label(2)),
        Op::Label(Label(1)),
        i(1),
        Op::Label(Label(2)),
    ];
    assert_eq!(ints(ops), vec![55, 1]);
}

#[test]
fn switch_table() {
    for (v, want) in [
        (0, 10),
        (5, 10),
        (6, 11),
        (17, 12),
        (18, 99),
        (-7, 99),
        (i32::MIN, 99),
    ] {
        let ops = vec![
            i(v),
            Op::Switch {
                shift: 0,
                div: 6,
                targets: vec![Label(0), Label(1), Label(2)],
            },
            i(99),
            Op::Jmp(Label(3)),
            Op::Label(Label(0)),
            i(10),
            Op::Jmp(Label(3)),
            Op::Label(Label(1)),
            i(11),
            Op::Jmp(Label(3)),
            Op::Label(Label(2)),
            i(12),
            Op::Label(Label(3)),
        ];
        assert_eq!(ints(ops), vec![want], "switch {v}");
    }
}

#[test]
fn division_by_zero_throws_with_the_interpreter_state() {
    // idiv checks before popping: both operands stay.
    let r = run(vec![i(1), i(2), i(0), ar(Int, ArithOp::DivLu), Op::Ret]);
    assert_eq!(r.status, Status::Threw);
    assert_eq!(r.exception_text(), Some("division by zero"));
    assert_eq!(r.pc, 4);
    assert_eq!(r.is, vec![0, 1, 2, 0]);
    // The `Ul` forms pop first, as the interpreter's generic arithmetic.
    let r = run(vec![i(1), i(0), i(2), ar(Int, ArithOp::RemUl), Op::Ret]);
    assert_eq!(r.status, Status::Threw);
    assert_eq!(r.exception_text(), Some("division by zero"));
    assert_eq!(r.is, vec![0, 1]);
    // Long: the whole 64-bit divisor is zero.
    let r = run(vec![l(5), l(0), ar(Long, ArithOp::RemLu), Op::Ret]);
    assert_eq!(r.status, Status::Threw);
    assert_eq!(r.exception_text(), Some("division by zero"));
    assert_eq!(r.is.len(), 5);
    // A divisor with only the high word set is not zero.
    assert_eq!(
        ints(vec![l(1 << 33), l(1 << 32), ar(Long, ArithOp::DivLu)]),
        split(2).to_vec()
    );
}

#[test]
fn arg_count_checked() {
    let ok = run_with(
        vec![Op::ArgCount(1), Op::OsDrop, Op::SummonNull, Op::Ret],
        |m| vec![m.new_obj(Some(1), None)],
        |_| {},
    );
    assert_eq!(ok.status, Status::Returned);
    assert_eq!(ok.mock.rc(arg(0)), 0);
    let bad = run(vec![Op::ArgCount(2), Op::SummonNull, Op::Ret]);
    assert_eq!(bad.status, Status::Threw);
    assert_eq!(
        bad.exception_text(),
        Some("invalid arg count: m takes 2, got 0")
    );
    assert_eq!(bad.pc, 1);
    assert!(bad.is.is_empty());
}

#[test]
fn backward_jump_yields_with_flushed_stacks_and_resumes() {
    // n = 5; loop: x += 3; djnz  — budget 3 stops at the loop head.
    let ops = vec![
        Op::StackReserve { obj: 0, int: 1 },
        i(5),
        Op::Label(Label(0)),
        Op::IsGet(Int, 1),
        i(3),
        ar(Int, ArithOp::Add),
        Op::IsSet(Int, 1),
        Op::Djnz(Label(0)),
        Op::IsDrop(Int),
        Op::IsGet(Int, 1),
        Op::I2o(Int),
        Op::Ret,
    ];
    let c = code(ops);
    let compiled = Jit::new().unwrap().compile(&c, 0).unwrap();
    assert_eq!(compiled.resume_pcs, vec![0, 2]);
    let loaded = MmapAlloc::load(&compiled).unwrap();
    let mut f = Frame::new(&[], Mock::new());
    f.ctx.budget = 3;
    let st = unsafe { loaded.run(&mut f.ctx) };
    assert_eq!(st, Status::Yield);
    assert_eq!(f.ctx.pc, 2);
    // Three trips made (the third jump stopped): x = 9, counter 2.
    assert_eq!(&f.is[..f.ctx.is_len as usize], &[0, 9, 2]);
    assert_eq!(f.ctx.os_len, 0);
    // The stop flag stops too, even with budget left.
    f.ctx.budget = 100;
    f.ctx.stop = 1;
    let st = unsafe { loaded.run(&mut f.ctx) };
    assert_eq!(st, Status::Yield);
    assert_eq!(&f.is[..f.ctx.is_len as usize], &[0, 12, 1]);
    // Resumed from memory: the cells may have been changed meanwhile (as
    // the interpreter could have run).
    f.ctx.stop = 0;
    f.is[1] = 100;
    let st = unsafe { loaded.run(&mut f.ctx) };
    assert_eq!(st, Status::Returned);
    let r = f.ctx.result;
    assert_eq!(f.mock.obj(r).int, Some(103));
    assert_eq!(f.ctx.os_len, 0);
    // Not a resume point.
    f.ctx.pc = 3;
    assert_eq!(unsafe { loaded.run(&mut f.ctx) }, Status::BadEntry);
}

#[test]
fn object_stack_refcounts_balance() {
    // Arguments: a (box 5), b (box 6). Dup, pull, get, set, drop, eq.
    let r = run_with(
        vec![
            Op::OsGet(0),   // a b a
            Op::OsPull(1),  // a b a b
            Op::OsDup,      // a b a b b
            Op::OsSet(0),   // b b a b   (a's slot released)
            Op::OsEq,       // b b | (a == b) = 0
            Op::OsDrop,     // b
            Op::SummonThis, // b this
            Op::OsIsNull,   // b | 0 ... this is an object
            Op::SummonNull,
            Op::OsIsNull, // b | 0 1
            Op::OsGet(0),
            Op::OsGet(0),
            Op::OsNeq, // b | 0 1 0
            Op::GeneralLock,
            Op::SummonNull,
            Op::Ret,
        ],
        |m| vec![m.new_obj(Some(5), None), m.new_obj(Some(6), None)],
        |f| {
            f.ctx.this = f.mock.new_obj(None, None);
        },
    );
    assert_eq!(r.status, Status::Returned);
    assert_eq!(r.result, 0);
    assert!(r.os.is_empty());
    // Every reference the code took it released, and it released the
    // frame's own references to a (replaced by os_set) and b (popped by
    // general_lock); `this` keeps the caller's reference.
    assert_eq!(r.mock.rc(arg(0)), 0, "a");
    assert_eq!(r.mock.rc(arg(1)), 0, "b");
    assert_eq!(r.mock.rc(arg(2)), 1, "this");
}

#[test]
fn box_and_unbox_int() {
    assert_eq!(
        ints(vec![i(-42), Op::I2o(Int), Op::O2i(Int)]),
        vec![(-42i32) as u32]
    );
    let r = run(vec![i(7), Op::I2o(Int), Op::Ret]);
    assert_eq!(r.status, Status::Returned);
    assert_eq!(r.mock.obj(r.result).int, Some(7));
    assert_eq!(r.mock.rc(r.result), 1);
    // Unboxing a non-number throws, the object popped and released.
    let r = run(vec![Op::SummonThis, Op::O2i(Int), Op::Ret]);
    assert_eq!(r.status, Status::Threw);
    assert!(r.os.is_empty());
    assert_eq!(r.pc, 2);
    // Boxing out of memory: the int is popped, pc past the i2o.
    let r = run_with(
        vec![i(1), i(2), Op::I2o(Int), Op::Ret],
        |m| {
            m.fail_alloc = true;
            vec![]
        },
        |_| {},
    );
    assert_eq!(r.status, Status::Threw);
    assert_eq!(r.is, vec![0, 1]);
    assert_eq!(r.pc, 3);
}

#[test]
fn calls_flush_and_suspend() {
    let ops = vec![
        i(11),
        Op::SummonNull,
        i(1),
        Op::I2o(Int),
        Op::Call { ord: 8, nargs: 1 },
        Op::O2i(Int),
        Op::SummonNull,
        Op::SummonNull,
        Op::SummonNull,
        Op::StaticInvoke { ord: 3, nargs: 1 },
        Op::O2i(Int),
        Op::SummonNull,
        Op::Ret,
    ];
    let r = run(ops.clone());
    assert_eq!(r.status, Status::Returned);
    assert_eq!(r.mock.calls, vec![(8, 2, 5), (3, 3, 10)]);
    assert!(r.mock.all_released());
    // Suspended at a call: pc after it, stacks as the interpreter has them;
    // the pc after the call is a resume point.
    let c = code(ops);
    let compiled = Jit::new().unwrap().compile(&c, 0).unwrap();
    assert_eq!(compiled.resume_pcs, vec![0, 5, 10]);
    let loaded = MmapAlloc::load(&compiled).unwrap();
    let mut m = Mock::new();
    m.suspend_calls = true;
    let mut f = Frame::new(&[], m);
    assert_eq!(unsafe { loaded.run(&mut f.ctx) }, Status::Suspended);
    assert_eq!(f.ctx.pc, 5);
    assert_eq!(&f.is[..f.ctx.is_len as usize], &[0, 11]);
    assert_eq!(f.ctx.os_len, 2);
    // The VM ran the callee: result in place of receiver and argument.
    f.ctx.os_len = 0;
    let res = f.mock.new_obj(Some(40), None);
    f.os[0] = res;
    f.ctx.os_len = 1;
    f.mock.suspend_calls = false;
    assert_eq!(unsafe { loaded.run(&mut f.ctx) }, Status::Returned);
    assert_eq!(f.mock.probes.len(), 0);
    assert_eq!(f.mock.calls.len(), 2);
}

#[test]
fn unsupported_ops_are_named() {
    let e = Jit::new()
        .unwrap()
        .compile(
            &code(vec![
                i(0),
                Op::SummonNull,
                Op::SConst(b"m".to_vec()),
                Op::DynamicInvoke,
                Op::Ret,
            ]),
            0,
        )
        .unwrap_err();
    assert_eq!(
        e,
        CompileError::Unsupported {
            pc: 3,
            op: "DynamicInvoke".into()
        }
    );
    let e = Jit::new()
        .unwrap()
        .compile(&code(vec![Op::SummonNull, Op::OsCompose(1), Op::Ret]), 0)
        .unwrap_err();
    assert!(format!("{e}").contains("OsCompose(1)"), "{e}");
}

#[test]
fn invalid_code_is_rejected() {
    let e = Jit::new()
        .unwrap()
        .compile(&code(vec![ar(Int, ArithOp::Add), Op::Ret]), 0)
        .unwrap_err();
    assert!(matches!(e, CompileError::Invalid { pc: 0, .. }), "{e:?}");
    let e = Jit::new()
        .unwrap()
        .compile(&code(vec![i(1)]), 0)
        .unwrap_err();
    assert!(matches!(e, CompileError::Invalid { .. }), "{e:?}");
}

#[test]
fn stepped_ops_run_in_the_runtime_and_the_cells_come_back() {
    // `load` is run by the interpreter (here the mock); the int it leaves
    // is unboxed and added in machine code.
    let r = ints(vec![
        Op::Load(3),
        Op::O2i(Int),
        i(4),
        Op::Arith(Int, ArithOp::Add),
    ]);
    assert_eq!(r, vec![7]);
}

#[test]
fn double_arithmetic_is_stepped_with_both_cells_reloaded() {
    let (a, b) = (1.5f64.to_bits() as i64, 2.25f64.to_bits() as i64);
    let r = ints(vec![
        i(11),
        Op::IConst64(a),
        Op::IConst64(b),
        Op::Arith(NumKind::Double, ArithOp::Add),
    ]);
    let bits = 3.75f64.to_bits();
    assert_eq!(r, vec![11, (bits >> 32) as u32, bits as u32]);
}

#[test]
fn a_stepped_throw_leaves_with_the_exception() {
    let r = run(vec![i(5), Op::SConst(b"boom".to_vec()), Op::Throw]);
    assert_eq!(r.status, Status::Threw);
    assert_eq!(r.exception_text(), Some("boom"));
    // One past the throw, as the interpreter saves it; the int cell is in
    // memory for the catcher.
    assert_eq!(r.pc, 3);
    assert_eq!(r.is, vec![0, 5]);
    assert_eq!(r.mock.steps, vec![1, 2]);
}

#[test]
fn catch_targets_and_the_op_after_a_stepped_op_are_resume_points() {
    let (handler, end) = (Label(0), Label(1));
    let c = code(vec![
        Op::SummonNull,
        Op::PushCatcher(handler),
        Op::Load(0),
        Op::PopCatcher,
        Op::Jmp(end),
        Op::Label(handler),
        Op::OsDrop,
        Op::SummonNull,
        Op::Label(end),
        Op::Ret,
    ]);
    let compiled = Jit::new().unwrap().compile(&c, 0).unwrap();
    // 0 entry; 2 after push_catcher; 3 after load; 4 after pop_catcher;
    // 5 the handler.
    assert_eq!(compiled.resume_pcs, vec![0, 2, 3, 4, 5]);
}

#[test]
fn shared_boxes_and_boxed_ints_need_no_service() {
    let probe = |v: i32| {
        let mut ops = vec![i(v), Op::I2o(Int), Op::O2i(Int)];
        ops.extend([
            Op::SummonNull,
            Op::Call {
                ord: PROBE,
                nargs: 0,
            },
            Op::Ret,
        ]);
        let r = run(ops);
        assert_eq!(r.status, Status::Returned);
        if !(CACHE_MIN..=CACHE_MAX).contains(&v) {
            assert_eq!(r.mock.rc(arg(0)), 0, "the box is freed");
        }
        (r.mock.probes[0].is[1..].to_vec(), r.mock.boxing_calls)
    };
    // A shared box is made and opened inline.
    assert_eq!(probe(CACHE_MIN + 1), (vec![(CACHE_MIN + 1) as u32], 0));
    // Any other int is boxed by the service and unboxed inline (the box is
    // an int, released inline: its last reference through `dec_ref`).
    assert_eq!(probe(500), (vec![500], 1));
    // Unboxing what is not an int is the service's (and throws there).
    let r = run(vec![Op::SummonThis, Op::O2i(Int), Op::Ret]);
    assert_eq!((r.status, r.mock.boxing_calls), (Status::Threw, 1));
}

#[test]
fn fields_of_ordinary_objects_are_inline() {
    // `this` has two fields: 0 holds a, 1 holds b.
    let (a, b, c, this) = (arg(0), arg(1), arg(2), arg(3));
    let r = run_with(
        vec![Op::Load(1), Op::OsGet(0), Op::Save(0), Op::Ret],
        |m| {
            for r in [a, b, c, this] {
                assert_eq!(m.new_obj(None, None), r);
            }
            let h = &mut m.heap[this as usize..];
            h[3] = 2;
            h[4] = a;
            h[5] = b;
            vec![c]
        },
        |f| f.ctx.this = this,
    );
    assert_eq!(r.status, Status::Returned);
    // No op went to the interpreter.
    assert!(r.mock.steps.is_empty());
    // Field 0 now holds c (a released), the result is b (one more
    // reference), the argument c is still the frame's.
    assert_eq!(r.result, b);
    assert_eq!(r.mock.heap[this as usize + 4], c);
    assert_eq!((r.mock.rc(a), r.mock.rc(b), r.mock.rc(c)), (0, 2, 2));
    // A field out of range, or of an object that is the VM's own, is the
    // interpreter's.
    let r = run(vec![Op::Load(7), Op::Ret]);
    assert_eq!(r.mock.steps, vec![0]);
}

#[test]
fn array_elements_inside_the_length_are_inline() {
    // An array of capacity 4, length 3, holding x at 1; a value y to
    // store at 2.
    let (x, y, page, array) = (arg(0), arg(1), arg(2), arg(3));
    let ops = vec![
        // a[1] (get): the element replaces the array.
        Op::OsGet(0),
        i(1),
        Op::I2o(Int),
        Op::Call { ord: 10, nargs: 1 },
        Op::OsDrop,
        // a[2] = y (set), its result dropped.
        Op::OsGet(0),
        Op::OsGet(1),
        i(2),
        Op::I2o(Int),
        Op::Call { ord: 11, nargs: 2 },
        Op::OsDrop,
        // a[3] (get past the length): the service's.
        Op::OsGet(0),
        i(3),
        Op::I2o(Int),
        Op::Call { ord: 10, nargs: 1 },
        Op::Ret,
    ];
    let r = run_with(
        ops,
        |m| {
            for r in [x, y, page, array] {
                assert_eq!(m.new_obj(None, None), r);
            }
            m.heap[page as usize + 3] = 4;
            m.heap[page as usize + 5] = x;
            let h = &mut m.heap[array as usize..];
            h[0] = ARRAY_CLASS;
            h[3] = 2;
            h[4] = page;
            h[5] = 3;
            vec![array, y]
        },
        |_| {},
    );
    assert_eq!(r.status, Status::Returned);
    // Only the access past the length called a service (the mock's: a
    // boxed index and a call 10).
    assert_eq!(r.mock.calls.len(), 1);
    assert_eq!(r.mock.boxing_calls, 1);
    assert_eq!(r.mock.heap[page as usize + 6], y);
    // x: the page's reference (the get's was dropped); y: its argument
    // slot and the page's; the array: its argument slot.
    assert_eq!((r.mock.rc(x), r.mock.rc(y), r.mock.rc(array)), (1, 2, 1));
}

#[test]
fn a_class_summon_asks_the_vm_once_then_uses_its_site_cache() {
    use ir::code::Summon;
    let name = || Op::SummonClass(Summon::ByName(".a.b".into()));
    // Twice through a loop: the summon steps the first time only.
    let (top, end) = (Label(0), Label(1));
    let r = run(vec![
        i(2),
        Op::Label(top),
        name(),
        Op::New,
        Op::OsDrop,
        Op::Djnz(top),
        Op::Label(end),
        Op::IsDrop(Int),
        Op::SummonNull,
        Op::Ret,
    ]);
    assert_eq!(r.status, Status::Returned);
    assert_eq!(r.mock.steps, vec![1]);
    let class = arg(0);
    assert_eq!(r.mock.sites[0], class);
    // The class: the step's reference, then one from the cache, each
    // released by `new`; both instances freed by `os_drop`.
    assert_eq!(r.mock.rc(class), 0);
    assert!(r.mock.all_released());
}
