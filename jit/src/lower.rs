//! Lowering of `ir::code` to Cranelift IR and machine code.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types, AbiParam, Block, InstBuilder, MemFlagsData, SigRef, Signature, UserFuncName, Value,
};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa, TargetFrontendConfig};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Switch, Variable};
use ir::code::{ArithOp, Code, Op};
use ir::types::NumKind;

use crate::runtime::{layout, offsets as off, Fault, Status};

/// Why a method was not compiled. The VM keeps interpreting it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    /// The instruction at `pc` is outside the supported subset.
    Unsupported {
        /// Instruction index.
        pc: u32,
        /// The op, as `ir::code::Op`'s `Debug` prints it.
        op: String,
    },
    /// The code is not well formed (the VM's verifier rejects it too).
    Invalid {
        /// Instruction index.
        pc: u32,
        /// What is wrong.
        message: String,
    },
    /// Cranelift failed (a bug in this crate).
    Codegen(String),
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Unsupported { pc, op } => {
                write!(f, "pc {pc}: op not supported by the JIT: {op}")
            }
            CompileError::Invalid { pc, message } => write!(f, "pc {pc}: {message}"),
            CompileError::Codegen(m) => write!(f, "code generation failed: {m}"),
        }
    }
}

/// A relocation left in the code: the loader patches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reloc {
    /// Byte offset in the code.
    pub offset: u32,
    /// What kind (Cranelift's name, e.g. `Abs8`).
    pub kind: String,
    /// Symbol, as Cranelift names it.
    pub target: String,
    /// Addend.
    pub addend: i64,
}

/// A compiled method: position-independent machine code, not yet loaded.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The machine code (entry at offset 0).
    pub code: Vec<u8>,
    /// Relocations to apply (the current lowering emits none: runtime
    /// services are called through [`crate::Runtime`]).
    pub relocs: Vec<Reloc>,
    /// Deepest object stack (slots from the frame base) the code touches.
    pub max_os: u32,
    /// Deepest integer stack (cells from the frame base) the code touches.
    pub max_is: u32,
    /// The pcs the code can be entered at: 0, the targets of backward
    /// jumps (where it stops with [`Status::Yield`]) and the instruction
    /// after each call (where it stops with [`Status::Suspended`]).
    pub resume_pcs: Vec<u32>,
    /// With [`Jit::set_listing`]: the Cranelift IR and the machine
    /// instructions, as text.
    pub listing: Option<String>,
    /// Site cache cells the code uses ([`crate::Ctx::sites`]).
    pub sites: u32,
}

/// A compiler for the host's x86-64. Holds the target description; one per
/// VM is enough.
pub struct Jit {
    isa: OwnedTargetIsa,
    fctx: FunctionBuilderContext,
    ctx: Context,
    listing: bool,
}

impl Jit {
    /// A compiler with Cranelift's `speed` optimisations.
    pub fn new() -> Result<Jit, CompileError> {
        let mut flags = settings::builder();
        let set = |b: &mut settings::Builder, k: &str, v: &str| {
            b.set(k, v)
                .map_err(|e| CompileError::Codegen(format!("setting {k}: {e}")))
        };
        set(&mut flags, "opt_level", "speed")?;
        set(
            &mut flags,
            "enable_verifier",
            if cfg!(debug_assertions) {
                "true"
            } else {
                "false"
            },
        )?;
        // The code is loaded anywhere: no absolute addresses.
        set(&mut flags, "is_pic", "true")?;
        let isa = cranelift_codegen::isa::lookup_by_name("x86_64")
            .map_err(|e| CompileError::Codegen(format!("{e}")))?
            .finish(settings::Flags::new(flags))
            .map_err(|e| CompileError::Codegen(format!("{e}")))?;
        Ok(Jit {
            isa,
            fctx: FunctionBuilderContext::new(),
            ctx: Context::new(),
            listing: false,
        })
    }

    /// Whether [`Jit::compile`] also returns a readable listing of each
    /// method ([`Compiled::listing`]: its Cranelift IR and the machine
    /// instructions chosen for it), for debugging.
    pub fn set_listing(&mut self, on: bool) {
        self.listing = on;
    }

    /// Compiles a method whose frame starts with `nargs` object slots (its
    /// arguments) and one integer cell (the argument count), as the VM's
    /// `enter` makes it.
    pub fn compile(&mut self, code: &Code, nargs: u32) -> Result<Compiled, CompileError> {
        let plan = analyse(code, nargs)?;
        self.ctx.clear();
        let ptr = types::I64;
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(ptr));
        sig.returns.push(AbiParam::new(types::I32));
        self.ctx.func.signature = sig;
        self.ctx.func.name = UserFuncName::testcase("phantom_method");
        let sites = {
            let b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            Lower::new(b, &plan).run(self.isa.frontend_config())?
        };
        self.ctx.set_disasm(self.listing);
        let clif = self.listing.then(|| format!("{}", self.ctx.func.display()));
        let compiled = self
            .ctx
            .compile(&*self.isa, &mut ControlPlane::default())
            .map_err(|e| CompileError::Codegen(format!("{:?}", e.inner)))?;
        let buf = compiled.buffer.data().to_vec();
        let relocs = compiled
            .buffer
            .relocs()
            .iter()
            .map(|r| Reloc {
                offset: r.offset,
                kind: format!("{:?}", r.kind),
                target: format!("{:?}", r.target),
                addend: r.addend,
            })
            .collect();
        let listing = clif.map(|clif| {
            let vcode = compiled.vcode.clone().unwrap_or_default();
            format!(
                "; Cranelift IR\n{clif}\n; machine code ({} bytes)\n{vcode}",
                buf.len()
            )
        });
        Ok(Compiled {
            listing,
            code: buf,
            relocs,
            max_os: plan.max_os,
            max_is: plan.max_is,
            resume_pcs: plan.resume.clone(),
            sites,
        })
    }
}

/// The instructions of a method with what the lowering needs to know.
struct Plan<'a> {
    insns: Vec<&'a Op>,
    /// Instruction index of each label.
    label_pc: Vec<u32>,
    /// (object, integer) depth before each instruction, if reachable.
    depth: Vec<Option<(u32, u32)>>,
    max_os: u32,
    max_is: u32,
    /// Sorted entry points.
    resume: Vec<u32>,
}

/// Ops lowered to machine code.
fn native(op: &Op) -> bool {
    use NumKind::*;
    match op {
        Op::Nop
        | Op::Debug { .. }
        | Op::Djnz(_)
        | Op::Jz(_)
        | Op::Jmp(_)
        | Op::Switch { .. }
        | Op::Ret
        | Op::ArgCount(_)
        | Op::StackReserve { .. }
        | Op::GeneralLock
        | Op::GeneralUnlock
        | Op::Call { .. }
        | Op::StaticInvoke { .. }
        | Op::IsDup(_)
        | Op::IsDrop(_)
        | Op::OsDup
        | Op::OsDrop
        | Op::OsPull(_)
        | Op::OsGet(_)
        | Op::OsSet(_)
        | Op::IsGet(..)
        | Op::IsSet(..)
        | Op::IConst(..)
        | Op::IConst64(_)
        | Op::SummonThis
        | Op::SummonNull
        | Op::I2o(Int)
        | Op::O2i(Int)
        | Op::OsEq
        | Op::OsNeq
        | Op::OsIsNull => true,
        Op::Arith(k, _) => matches!(k, Int | Long),
        Op::Convert { from, to } => matches!((from, to), (Int | Long, Int | Long)),
        _ => false,
    }
}

/// Ops compiled code has the interpreter run, one at a time, through
/// [`crate::Runtime::step`]: those whose work is all in the VM (fields,
/// allocation, class lookup, catchers) and the float and double
/// arithmetic not lowered yet. `dynamic_invoke` (its stack effect depends
/// on a count the lowering does not track) and the ops the VM disables
/// are neither: a method with one stays interpreted.
fn stepped(op: &Op) -> bool {
    match op {
        Op::PushCatcher(_)
        | Op::PopCatcher
        | Op::Throw
        | Op::Sys(_)
        | Op::Load(_)
        | Op::Save(_)
        | Op::IsLoad(_)
        | Op::IsSave(_)
        | Op::New
        | Op::Cast
        | Op::SConst(_)
        | Op::ConstPool(_)
        | Op::SummonThread
        | Op::SummonClass(_)
        | Op::Arith(..)
        | Op::Convert { .. }
        | Op::I2o(_)
        | Op::O2i(_) => !native(op),
        _ => false,
    }
}

/// Integer cells a stepped op consumes (cells below stay as they are).
fn int_pops(op: &Op) -> u32 {
    match op {
        Op::Arith(k, a) => {
            let w = k.cells();
            match a {
                ArithOp::Shl | ArithOp::Shr | ArithOp::Ushr => w + 1,
                a if a.is_unary() => w,
                _ => 2 * w,
            }
        }
        Op::Convert { from, .. } => from.cells(),
        Op::I2o(k) => k.cells(),
        Op::IsSave(_) | Op::Sys(_) => 1,
        _ => 0,
    }
}

/// Checks the subset, computes stack depths (as the VM's verifier does)
/// and the resume points.
fn analyse(code: &Code, nargs: u32) -> Result<Plan<'_>, CompileError> {
    let mut insns = Vec::new();
    let mut label_pc = vec![u32::MAX; code.labels as usize];
    for op in &code.ops {
        match op {
            Op::Label(l) => {
                let i = l.0 as usize;
                if label_pc.len() <= i {
                    label_pc.resize(i + 1, u32::MAX);
                }
                label_pc[i] = insns.len() as u32;
            }
            op if op.is_pseudo() => {}
            op => insns.push(op),
        }
    }
    let n = insns.len();
    for (pc, op) in insns.iter().enumerate() {
        if !native(op) && !stepped(op) {
            return Err(CompileError::Unsupported {
                pc: pc as u32,
                op: format!("{op:?}"),
            });
        }
    }
    let invalid = |pc: usize, m: &str| CompileError::Invalid {
        pc: pc as u32,
        message: String::from(m),
    };
    let target = |pc: usize, l: &ir::code::Label| -> Result<usize, CompileError> {
        match label_pc.get(l.0 as usize) {
            Some(&t) if (t as usize) < n => Ok(t as usize),
            _ => Err(invalid(pc, "jump target outside the method")),
        }
    };
    if n == 0 {
        return Err(invalid(0, "the method has no code"));
    }
    let mut depth: Vec<Option<(u32, u32)>> = vec![None; n];
    let mut resume = vec![0u32];
    depth[0] = Some((nargs, 1));
    let mut work = vec![0usize];
    let (mut max_os, mut max_is) = (nargs, 1u32);
    while let Some(pc) = work.pop() {
        let (os, is) = depth[pc].expect("queued");
        let op = insns[pc];
        let need = |o: u32, i: u32| {
            if os < o {
                Err(invalid(pc, "object stack underflow"))
            } else if is < i {
                Err(invalid(pc, "integer stack underflow"))
            } else {
                Ok(())
            }
        };
        let mut succ: Vec<usize> = Vec::new();
        let mut catch: Vec<(usize, (u32, u32))> = Vec::new();
        let mut falls = true;
        let (nos, nis) = match op {
            Op::Nop | Op::Debug { .. } => (os, is),
            Op::Djnz(l) => {
                need(0, 1)?;
                succ.push(target(pc, l)?);
                (os, is)
            }
            Op::Jz(l) => {
                need(0, 1)?;
                succ.push(target(pc, l)?);
                (os, is - 1)
            }
            Op::Jmp(l) => {
                falls = false;
                succ.push(target(pc, l)?);
                (os, is)
            }
            Op::Switch { div, targets, .. } => {
                need(0, 1)?;
                if *div == 0 {
                    return Err(invalid(pc, "switch divisor is zero"));
                }
                for l in targets {
                    succ.push(target(pc, l)?);
                }
                (os, is - 1)
            }
            Op::Ret => {
                falls = false;
                (os, is)
            }
            Op::ArgCount(_) => {
                need(0, 1)?;
                (os, is - 1)
            }
            Op::StackReserve { obj, int } => (os + u32::from(*obj), is + u32::from(*int)),
            Op::GeneralLock | Op::GeneralUnlock | Op::OsDrop => {
                need(1, 0)?;
                (os - 1, is)
            }
            Op::Call { nargs: k, .. } => {
                need(k.saturating_add(1), 0)?;
                (os - k, is)
            }
            Op::StaticInvoke { nargs: k, .. } => {
                need(k.saturating_add(2), 0)?;
                (os - k - 1, is)
            }
            Op::IsDup(k) => {
                need(0, k.cells())?;
                (os, is + k.cells())
            }
            Op::IsDrop(k) => {
                need(0, k.cells())?;
                (os, is - k.cells())
            }
            Op::OsDup => {
                need(1, 0)?;
                (os + 1, is)
            }
            Op::OsPull(d) => {
                need(d.saturating_add(1), 0)?;
                (os + 1, is)
            }
            Op::OsGet(p) => {
                if *p >= os {
                    return Err(invalid(pc, "object slot is not on the stack"));
                }
                (os + 1, is)
            }
            Op::OsSet(p) => {
                need(1, 0)?;
                if *p >= os - 1 {
                    return Err(invalid(pc, "object slot is not on the stack"));
                }
                (os - 1, is)
            }
            Op::IsGet(k, p) => {
                if u64::from(*p) + u64::from(k.cells()) > u64::from(is) {
                    return Err(invalid(pc, "integer slot is not on the stack"));
                }
                (os, is + k.cells())
            }
            Op::IsSet(k, p) => {
                let w = k.cells();
                need(0, w)?;
                if u64::from(*p) + u64::from(w) > u64::from(is - w) {
                    return Err(invalid(pc, "integer slot is not on the stack"));
                }
                (os, is - w)
            }
            Op::IConst(k, _) => (os, is + k.cells()),
            Op::IConst64(_) => (os, is + 2),
            Op::SummonThis | Op::SummonNull => (os + 1, is),
            Op::Arith(k, a) => {
                let w = k.cells();
                match a {
                    ArithOp::Shl | ArithOp::Shr | ArithOp::Ushr => {
                        need(0, w + 1)?;
                        (os, is - 1)
                    }
                    a if a.is_unary() => {
                        need(0, w)?;
                        (os, is)
                    }
                    a => {
                        need(0, 2 * w)?;
                        (os, is - 2 * w + if a.yields_int() { 1 } else { w })
                    }
                }
            }
            Op::Convert { from, to } => {
                need(0, from.cells())?;
                (os, is - from.cells() + to.cells())
            }
            Op::I2o(k) => {
                need(0, k.cells())?;
                (os + 1, is - k.cells())
            }
            Op::O2i(k) => {
                need(1, 0)?;
                (os - 1, is + k.cells())
            }
            Op::PushCatcher(l) => {
                need(1, 0)?;
                // The catch code starts with the exception in the class's
                // place (the VM trims or pads the stacks to these depths).
                let t = target(pc, l)?;
                catch.push((t, (os, is)));
                (os - 1, is)
            }
            Op::PopCatcher => (os, is),
            Op::Throw => {
                need(1, 0)?;
                falls = false;
                (os - 1, is)
            }
            Op::Sys(_) => {
                need(nargs, 1)?;
                (os - nargs + 1, is - 1)
            }
            Op::Load(_)
            | Op::SConst(_)
            | Op::ConstPool(_)
            | Op::SummonThread
            | Op::SummonClass(_) => (os + 1, is),
            Op::Save(_) => {
                need(1, 0)?;
                (os - 1, is)
            }
            Op::IsLoad(_) => (os, is + 1),
            Op::IsSave(_) => {
                need(0, 1)?;
                (os, is - 1)
            }
            Op::New => {
                need(1, 0)?;
                (os, is)
            }
            Op::Cast => {
                need(2, 0)?;
                (os - 1, is)
            }
            Op::OsEq | Op::OsNeq => {
                need(2, 0)?;
                (os - 2, is + 1)
            }
            Op::OsIsNull => {
                need(1, 0)?;
                (os - 1, is + 1)
            }
            _ => unreachable!("checked by `native` and `stepped`"),
        };
        max_os = max_os.max(nos).max(os + 1);
        max_is = max_is.max(nis).max(is + 1);
        if max_os > 1 << 16 || max_is > 1 << 16 {
            return Err(invalid(pc, "stack grows without bound"));
        }
        let mut edges: Vec<(usize, (u32, u32))> = Vec::new();
        for &t in &succ {
            // A jump to an instruction at or before the next one is a
            // safepoint (as the interpreter counts it).
            if t <= pc + 1 {
                resume.push(t as u32);
            }
            edges.push((t, (nos, nis)));
        }
        // The VM comes back after a call (or a stepped op that pushed a
        // frame) at the next instruction, and after a catch at its target.
        if matches!(op, Op::Call { .. } | Op::StaticInvoke { .. }) || (stepped(op) && falls) {
            resume.push(pc as u32 + 1);
        }
        for &(t, d) in &catch {
            resume.push(t as u32);
            edges.push((t, d));
        }
        if falls {
            if pc + 1 >= n {
                return Err(invalid(pc, "execution runs off the end of the code"));
            }
            edges.push((pc + 1, (nos, nis)));
        }
        for (t, d) in edges {
            match depth[t] {
                None => {
                    depth[t] = Some(d);
                    work.push(t);
                }
                Some(old) if old != d => {
                    return Err(invalid(t, "stack depths differ where paths meet"));
                }
                Some(_) => {}
            }
        }
    }
    resume.sort_unstable();
    resume.dedup();
    Ok(Plan {
        insns,
        label_pc,
        depth,
        max_os,
        max_is,
        resume,
    })
}

/// The lowering state of one method.
struct Lower<'a, 'b> {
    b: FunctionBuilder<'b>,
    plan: &'a Plan<'a>,
    /// One variable per integer cell of the frame.
    cells: Vec<Variable>,
    /// A block per instruction.
    blocks: Vec<Block>,
    ctx: Value,
    /// Current depths while lowering an instruction.
    os: u32,
    is: u32,
    pc: usize,
    sig_ref: Option<SigRef>,
    sig_svc: [Option<SigRef>; 4],
    /// `ctx.os`, kept in a variable: read on entry and again after every
    /// service call (a service may move the stacks).
    os_base: Option<Variable>,
    /// Fields of the context that never change while the code runs, read
    /// once on entry: the object memory, the int and array classes, the
    /// shared int boxes (first, min, max, stride).
    heap: Value,
    int_class: Value,
    array_class: Value,
    int_cache: [Value; 4],
    /// `ctx.sites`, and how many site caches are used so far.
    site_base: Value,
    sites: u32,
}

fn trusted() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl<'a, 'b> Lower<'a, 'b> {
    fn new(b: FunctionBuilder<'b>, plan: &'a Plan<'a>) -> Self {
        Lower {
            b,
            plan,
            cells: Vec::new(),
            blocks: Vec::new(),
            ctx: Value::from_u32(0),
            os: 0,
            is: 0,
            pc: 0,
            sig_ref: None,
            sig_svc: [None; 4],
            os_base: None,
            heap: Value::from_u32(0),
            int_class: Value::from_u32(0),
            array_class: Value::from_u32(0),
            int_cache: [Value::from_u32(0); 4],
            site_base: Value::from_u32(0),
            sites: 0,
        }
    }

    /// Lowers the method; returns the number of site caches it uses.
    fn run(mut self, cfg: TargetFrontendConfig) -> Result<u32, CompileError> {
        let plan = self.plan;
        for _ in 0..plan.max_is {
            let v = self.b.declare_var(types::I32);
            self.cells.push(v);
        }
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.blocks = (0..plan.insns.len())
            .map(|_| self.b.create_block())
            .collect();
        self.b.switch_to_block(entry);
        self.ctx = self.b.block_params(entry)[0];
        let os_base = self.b.declare_var(types::I64);
        let os = self.ld(types::I64, self.ctx, off::OS);
        self.b.def_var(os_base, os);
        self.os_base = Some(os_base);
        self.heap = self.ld(types::I64, self.ctx, off::HEAP);
        self.int_class = self.ld(types::I32, self.ctx, off::INT_CLASS);
        self.array_class = self.ld(types::I32, self.ctx, off::ARRAY_CLASS);
        self.int_cache = [
            self.ld(types::I32, self.ctx, off::INT_CACHE),
            self.ld(types::I32, self.ctx, off::INT_CACHE_MIN),
            self.ld(types::I32, self.ctx, off::INT_CACHE_MAX),
            self.ld(types::I32, self.ctx, off::INT_CACHE_STRIDE),
        ];
        self.site_base = self.ld(types::I64, self.ctx, off::SITES);
        // Entry: dispatch on ctx.pc to the resume points; each loads the
        // frame's integer cells into the variables.
        let pc = self.ld(types::I32, self.ctx, off::PC);
        let mut sw = Switch::new();
        let mut loads = Vec::new();
        for &r in &plan.resume {
            let blk = self.b.create_block();
            sw.set_entry(u128::from(r), blk);
            loads.push((r, blk));
        }
        let bad = self.b.create_block();
        sw.emit(&mut self.b, pc, bad);
        self.b.switch_to_block(bad);
        self.ret_status(Status::BadEntry);
        for (r, blk) in loads {
            self.b.switch_to_block(blk);
            let (_, is) = plan.depth[r as usize].expect("resume points are reachable");
            let base = self.ld(types::I64, self.ctx, off::IS);
            for i in 0..is {
                let v = self
                    .b
                    .ins()
                    .load(types::I32, trusted(), base, (4 * i) as i32);
                self.b.def_var(self.cells[i as usize], v);
            }
            self.b.ins().jump(self.blocks[r as usize], &[]);
        }
        for pc in 0..plan.insns.len() {
            let Some((os, is)) = plan.depth[pc] else {
                continue;
            };
            self.b.switch_to_block(self.blocks[pc]);
            self.os = os;
            self.is = is;
            self.pc = pc;
            self.lower(plan.insns[pc])?;
        }
        self.b.seal_all_blocks();
        self.b.finalize(cfg);
        Ok(self.sites)
    }

    // ---- helpers

    fn ld(&mut self, ty: types::Type, base: Value, off: i32) -> Value {
        self.b.ins().load(ty, trusted(), base, off)
    }

    fn st(&mut self, v: Value, base: Value, off: i32) {
        self.b.ins().store(trusted(), v, base, off);
    }

    fn iconst32(&mut self, v: u32) -> Value {
        self.b.ins().iconst(types::I32, i64::from(v as i32))
    }

    fn ret_status(&mut self, s: Status) {
        let v = self.iconst32(s as u32);
        self.b.ins().return_(&[v]);
    }

    fn cell(&mut self, i: u32) -> Value {
        self.b.use_var(self.cells[i as usize])
    }

    fn set_cell(&mut self, i: u32, v: Value) {
        self.b.def_var(self.cells[i as usize], v);
    }

    fn push(&mut self, v: Value) {
        let i = self.is;
        self.set_cell(i, v);
        self.is += 1;
    }

    fn pop(&mut self) -> Value {
        self.is -= 1;
        self.cell(self.is)
    }

    fn push64(&mut self, v: Value) {
        let lo = self.b.ins().ireduce(types::I32, v);
        let sh = self.b.ins().ushr_imm_u(v, 32);
        let hi = self.b.ins().ireduce(types::I32, sh);
        self.push(hi);
        self.push(lo);
    }

    fn pop64(&mut self) -> Value {
        let lo = self.pop();
        let hi = self.pop();
        let lo = self.b.ins().uextend(types::I64, lo);
        let hi = self.b.ins().uextend(types::I64, hi);
        let hi = self.b.ins().ishl_imm_u(hi, 32);
        self.b.ins().bor(hi, lo)
    }

    fn pop_kind(&mut self, k: NumKind) -> Value {
        if k.cells() == 2 {
            self.pop64()
        } else {
            self.pop()
        }
    }

    fn push_kind(&mut self, k: NumKind, v: Value) {
        if k.cells() == 2 {
            self.push64(v)
        } else {
            self.push(v)
        }
    }

    /// Address of object slot `i` of the frame.
    fn os_slot(&mut self, i: u32) -> (Value, i32) {
        let base = self.b.use_var(self.os_base.expect("set on entry"));
        (base, (4 * i) as i32)
    }

    /// Reads `ctx.os` again (after a service call).
    fn reload_os(&mut self) {
        let os = self.ld(types::I64, self.ctx, off::OS);
        self.b.def_var(self.os_base.expect("set on entry"), os);
    }

    fn os_load(&mut self, i: u32) -> Value {
        let (base, o) = self.os_slot(i);
        self.b.ins().load(types::I32, trusted(), base, o)
    }

    fn os_store(&mut self, i: u32, v: Value) {
        let (base, o) = self.os_slot(i);
        self.b.ins().store(trusted(), v, base, o);
    }

    /// Writes the interpreter's state: integer cells `0..is` to memory,
    /// the depths and the pc.
    fn flush(&mut self, os: u32, is: u32, pc: u32) {
        let base = self.ld(types::I64, self.ctx, off::IS);
        for i in 0..is {
            let v = self.cell(i);
            self.b.ins().store(trusted(), v, base, (4 * i) as i32);
        }
        let v = self.iconst32(is);
        self.st(v, self.ctx, off::IS_LEN);
        let v = self.iconst32(os);
        self.st(v, self.ctx, off::OS_LEN);
        let v = self.iconst32(pc);
        self.st(v, self.ctx, off::PC);
    }

    fn service_sig(&mut self, nargs: usize) -> SigRef {
        if let Some(s) = self.sig_svc[nargs] {
            return s;
        }
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(types::I64));
        for _ in 0..nargs {
            sig.params.push(AbiParam::new(types::I32));
        }
        sig.returns.push(AbiParam::new(types::I32));
        let s = self.b.import_signature(sig);
        self.sig_svc[nargs] = Some(s);
        s
    }

    fn rt_fn(&mut self, field: i32) -> Value {
        let rt = self.ld(types::I64, self.ctx, off::RT);
        self.ld(types::I64, rt, field)
    }

    /// Calls a fallible service (state already flushed); returns from the
    /// method with its status unless it is 0.
    fn service(&mut self, field: i32, args: &[Value]) {
        let sig = self.service_sig(args.len());
        let f = self.rt_fn(field);
        let mut all = vec![self.ctx];
        all.extend_from_slice(args);
        let call = self.b.ins().call_indirect(sig, f, &all);
        let st = self.b.inst_results(call)[0];
        let out = self.b.create_block();
        let go = self.b.create_block();
        self.b.ins().brif(st, out, &[], go, &[]);
        self.b.set_cold_block(out);
        self.b.switch_to_block(out);
        self.b.ins().return_(&[st]);
        self.b.switch_to_block(go);
        self.reload_os();
    }

    /// The address of cell `r + cell` of the object memory, as (base,
    /// byte offset).
    fn heap_cell(&mut self, r: Value, cell: u32) -> (Value, i32) {
        let heap = self.heap;
        let r64 = self.b.ins().uextend(types::I64, r);
        let bytes = self.b.ins().ishl_imm_u(r64, 2);
        (self.b.ins().iadd(heap, bytes), (4 * cell) as i32)
    }

    /// Takes (`INC_REF`) or releases (`DEC_REF`) a reference to `r`
    /// unless it is null, inline; only releasing the last reference calls
    /// the `dec_ref` service (to free).
    fn refcount(&mut self, field: i32, r: Value) {
        let nonnull = self.b.create_block();
        let go = self.b.create_block();
        self.b.ins().brif(r, nonnull, &[], go, &[]);
        self.b.switch_to_block(nonnull);
        let (a, o) = self.heap_cell(r, layout::RC);
        let rc = self.b.ins().load(types::I32, trusted(), a, o);
        let sat = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, rc, i64::from(layout::SATURATED as i32));
        let change = self.b.create_block();
        self.b.ins().brif(sat, go, &[], change, &[]);
        self.b.switch_to_block(change);
        if field == off::INC_REF {
            let up = self.b.ins().iadd_imm_s(rc, 1);
            self.b.ins().store(trusted(), up, a, o);
            self.b.ins().jump(go, &[]);
        } else {
            let free = self.b.create_block();
            let down = self.b.create_block();
            let last = self
                .b
                .ins()
                .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, rc, 1);
            self.b.ins().brif(last, free, &[], down, &[]);
            self.b.switch_to_block(down);
            let d = self.b.ins().iadd_imm_s(rc, -1);
            self.b.ins().store(trusted(), d, a, o);
            self.b.ins().jump(go, &[]);
            self.b.set_cold_block(free);
            self.b.switch_to_block(free);
            let sig = match self.sig_ref {
                Some(s) => s,
                None => {
                    let mut sig = Signature::new(CallConv::SystemV);
                    sig.params.push(AbiParam::new(types::I64));
                    sig.params.push(AbiParam::new(types::I32));
                    let s = self.b.import_signature(sig);
                    self.sig_ref = Some(s);
                    s
                }
            };
            let f = self.rt_fn(off::DEC_REF);
            self.b.ins().call_indirect(sig, f, &[self.ctx, r]);
            self.b.ins().jump(go, &[]);
        }
        self.b.switch_to_block(go);
    }

    /// Jumps from the current instruction to instruction `t`, through a
    /// safepoint if the jump goes backwards.
    fn goto(&mut self, t: usize) {
        if t > self.pc + 1 {
            self.b.ins().jump(self.blocks[t], &[]);
            return;
        }
        let budget = self.ld(types::I64, self.ctx, off::BUDGET);
        let budget = self.b.ins().iadd_imm_s(budget, -1);
        self.st(budget, self.ctx, off::BUDGET);
        let out = self
            .b
            .ins()
            .icmp_imm_s(IntCC::SignedLessThanOrEqual, budget, 0);
        let stop = self.ld(types::I32, self.ctx, off::STOP);
        let stop = self.b.ins().icmp_imm_s(IntCC::NotEqual, stop, 0);
        let exit = self.b.ins().bor(out, stop);
        let cold = self.b.create_block();
        self.b.ins().brif(exit, cold, &[], self.blocks[t], &[]);
        self.b.set_cold_block(cold);
        self.b.switch_to_block(cold);
        self.flush(self.os, self.is, t as u32);
        self.ret_status(Status::Yield);
    }

    /// Branches on `cond` to instruction `t` (non-zero) or falls through.
    fn branch(&mut self, cond: Value, t: usize) {
        let taken = self.b.create_block();
        let next = self.blocks[self.pc + 1];
        self.b.ins().brif(cond, taken, &[], next, &[]);
        self.b.switch_to_block(taken);
        self.goto(t);
    }

    fn fall(&mut self) {
        let next = self.blocks[self.pc + 1];
        self.b.ins().jump(next, &[]);
    }

    fn label(&self, l: &ir::code::Label) -> usize {
        self.plan.label_pc[l.0 as usize] as usize
    }

    /// If `cond` holds, raises `fault` with the stacks at depth
    /// (`self.os`, `is`).
    fn fault_if(&mut self, cond: Value, is: u32, fault: Fault, a: Value, b: Value) {
        let cold = self.b.create_block();
        let go = self.b.create_block();
        self.b.ins().brif(cond, cold, &[], go, &[]);
        self.b.set_cold_block(cold);
        self.b.switch_to_block(cold);
        self.flush(self.os, is, self.pc as u32 + 1);
        let f = self.iconst32(fault as u32);
        let sig = self.service_sig(3);
        let func = self.rt_fn(off::FAULT);
        let call = self.b.ins().call_indirect(sig, func, &[self.ctx, f, a, b]);
        let st = self.b.inst_results(call)[0];
        self.b.ins().return_(&[st]);
        self.b.switch_to_block(go);
    }

    fn bool_to(&mut self, ty: types::Type, c: Value) -> Value {
        self.b.ins().uextend(ty, c)
    }

    // ---- the instructions

    /// An op the interpreter runs ([`stepped`]): flush, call the `step`
    /// service, reload the integer cells it may have written.
    fn step(&mut self, op: &Op) {
        self.flush(self.os, self.is, self.pc as u32);
        self.service(off::STEP, &[]);
        if matches!(op, Op::Throw) {
            // `throw` always leaves through the service's status.
            self.ret_status(Status::BadEntry);
            return;
        }
        let (_, nis) = self.plan.depth[self.pc + 1].expect("a stepped op falls through");
        let low = self.is.min(nis).saturating_sub(int_pops(op));
        let base = self.ld(types::I64, self.ctx, off::IS);
        for i in low..nis {
            let v = self
                .b
                .ins()
                .load(types::I32, trusted(), base, (4 * i) as i32);
            self.b.def_var(self.cells[i as usize], v);
        }
        self.fall();
    }

    /// `load f` / `save f`: a field of an ordinary object (not the VM's
    /// own, not immutable for a store, `f` in range) inline; anything else
    /// (and every error) is the interpreter's.
    fn field(&mut self, op: &Op, f: u32) {
        let store = matches!(op, Op::Save(_));
        let this = self.ld(types::I32, self.ctx, off::THIS);
        let nonnull = self.b.create_block();
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.ins().brif(this, nonnull, &[], slow, &[]);
        self.b.switch_to_block(nonnull);
        let (a, flags_off) = self.heap_cell(this, layout::FLAGS);
        let flags = self.b.ins().load(types::I32, trusted(), a, flags_off);
        let refused = if store {
            layout::INTERNAL | layout::RESIZEABLE | layout::IMMUTABLE
        } else {
            layout::INTERNAL | layout::RESIZEABLE
        };
        let bad = self.b.ins().band_imm_u(flags, i64::from(refused));
        let size = self
            .b
            .ins()
            .load(types::I32, trusted(), a, (4 * layout::SIZE) as i32);
        let in_range = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedGreaterThan, size, i64::from(f));
        let ok = self.b.ins().icmp_imm_s(IntCC::Equal, bad, 0);
        let ok = self.b.ins().band(ok, in_range);
        self.b.ins().brif(ok, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let at = (4 * (layout::DATA + f)) as i32;
        if store {
            let v = self.os_load(self.os - 1);
            let old = self.b.ins().load(types::I32, trusted(), a, at);
            self.b.ins().store(trusted(), v, a, at);
            self.refcount(off::DEC_REF, old);
        } else {
            let v = self.b.ins().load(types::I32, trusted(), a, at);
            self.refcount(off::INC_REF, v);
            self.os_store(self.os, v);
        }
        self.fall();
        self.b.set_cold_block(slow);
        self.b.switch_to_block(slow);
        self.step(op);
    }

    /// `i2o` of the int `index` + `call 10 1` (get) or `call 11 2` (set):
    /// an element of an array inside its length, inline; anything else
    /// (other receivers, growing the array, errors) through the
    /// `array_get` / `array_set` service. Goes on after the call.
    fn indexed(&mut self, set: bool, index: Value) {
        let slot = if set { self.os - 2 } else { self.os - 1 };
        let after = self.blocks[self.pc + 2];
        let recv = self.os_load(slot);
        let nonnull = self.b.create_block();
        let is_array = self.b.create_block();
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.ins().brif(recv, nonnull, &[], slow, &[]);
        self.b.switch_to_block(nonnull);
        let (a, class_off) = self.heap_cell(recv, layout::CLASS);
        let cls = self.b.ins().load(types::I32, trusted(), a, class_off);
        let array_class = self.array_class;
        let same = self.b.ins().icmp(IntCC::Equal, cls, array_class);
        self.b.ins().brif(same, is_array, &[], slow, &[]);
        self.b.switch_to_block(is_array);
        let data = |cell: u32| (4 * (layout::DATA + cell)) as i32;
        let len = self
            .b
            .ins()
            .load(types::I32, trusted(), a, data(layout::ARRAY_LEN));
        // Unsigned: a negative index is out of range too.
        let inside = self.b.ins().icmp(IntCC::UnsignedLessThan, index, len);
        let ok = if set {
            let flags = self
                .b
                .ins()
                .load(types::I32, trusted(), a, (4 * layout::FLAGS) as i32);
            let frozen = self.b.ins().band_imm_u(flags, i64::from(layout::IMMUTABLE));
            let open = self.b.ins().icmp_imm_s(IntCC::Equal, frozen, 0);
            self.b.ins().band(inside, open)
        } else {
            inside
        };
        self.b.ins().brif(ok, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let page = self
            .b
            .ins()
            .load(types::I32, trusted(), a, data(layout::ARRAY_PAGE));
        let (pa, _) = self.heap_cell(page, 0);
        let i64x = self.b.ins().uextend(types::I64, index);
        let ioff = self.b.ins().ishl_imm_u(i64x, 2);
        let ea = self.b.ins().iadd(pa, ioff);
        let at = (4 * layout::DATA) as i32;
        if set {
            // The array takes a reference; the stack's stays as the
            // call's result, in the receiver's place.
            let v = self.os_load(self.os - 1);
            self.refcount(off::INC_REF, v);
            let old = self.b.ins().load(types::I32, trusted(), ea, at);
            self.b.ins().store(trusted(), v, ea, at);
            self.refcount(off::DEC_REF, old);
            self.os_store(slot, v);
        } else {
            let e = self.b.ins().load(types::I32, trusted(), ea, at);
            self.refcount(off::INC_REF, e);
            self.os_store(slot, e);
        }
        self.refcount(off::DEC_REF, recv);
        self.b.ins().jump(after, &[]);
        self.b.set_cold_block(slow);
        self.b.switch_to_block(slow);
        let field = if set { off::ARRAY_SET } else { off::ARRAY_GET };
        self.flush(self.os, self.is, self.pc as u32 + 2);
        self.service(field, &[index]);
        self.b.ins().jump(after, &[]);
    }

    /// A class summon through its site cache: the class the interpreter
    /// found the first time (the op stepped), inline after that.
    fn summon_class(&mut self) {
        let at = (4 * self.sites) as i32;
        self.sites += 1;
        let cached = self.b.ins().load(types::I32, trusted(), self.site_base, at);
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.ins().brif(cached, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        self.refcount(off::INC_REF, cached);
        self.os_store(self.os, cached);
        self.fall();
        self.b.set_cold_block(slow);
        self.b.switch_to_block(slow);
        self.flush(self.os, self.is, self.pc as u32);
        self.service(off::STEP, &[]);
        let found = self.os_load(self.os);
        self.b.ins().store(trusted(), found, self.site_base, at);
        self.fall();
    }

    fn lower(&mut self, op: &Op) -> Result<(), CompileError> {
        match op {
            Op::Load(f) | Op::Save(f) => {
                self.field(op, *f);
                return Ok(());
            }
            Op::SummonClass(_) => {
                self.summon_class();
                return Ok(());
            }
            Op::New => {
                self.flush(self.os, self.is, self.pc as u32 + 1);
                self.service(off::NEW_OBJECT, &[]);
                self.fall();
                return Ok(());
            }
            op if stepped(op) => {
                self.step(op);
                return Ok(());
            }
            _ => {}
        }
        match op {
            Op::Nop | Op::Debug { .. } => self.fall(),
            Op::Djnz(l) => {
                let t = self.label(l);
                let v = self.pop();
                let v = self.b.ins().iadd_imm_s(v, -1);
                self.push(v);
                self.branch(v, t);
            }
            Op::Jz(l) => {
                let t = self.label(l);
                let v = self.pop();
                let z = self.b.ins().icmp_imm_s(IntCC::Equal, v, 0);
                self.branch(z, t);
            }
            Op::Jmp(l) => {
                let t = self.label(l);
                self.goto(t);
            }
            Op::Switch {
                shift,
                div,
                targets,
            } => {
                let v = self.pop();
                let x = self.b.ins().iadd_imm_s(v, i64::from(*shift));
                let d = if *div == -1 {
                    self.b.ins().ineg(x)
                } else {
                    let c = self.b.ins().iconst(types::I32, i64::from(*div));
                    self.b.ins().sdiv(x, c)
                };
                let mut sw = Switch::new();
                let mut edges = Vec::new();
                for (i, l) in targets.iter().enumerate() {
                    let blk = self.b.create_block();
                    sw.set_entry(i as u128, blk);
                    edges.push((blk, self.label(l)));
                }
                let next = self.blocks[self.pc + 1];
                sw.emit(&mut self.b, d, next);
                for (blk, t) in edges {
                    self.b.switch_to_block(blk);
                    self.goto(t);
                }
            }
            Op::Ret => {
                let r = if self.os > 0 {
                    self.os -= 1;
                    self.os_load(self.os)
                } else {
                    self.iconst32(0)
                };
                self.st(r, self.ctx, off::RESULT);
                let v = self.iconst32(self.os);
                self.st(v, self.ctx, off::OS_LEN);
                let v = self.iconst32(self.pc as u32 + 1);
                self.st(v, self.ctx, off::PC);
                self.ret_status(Status::Returned);
            }
            Op::ArgCount(n) => {
                let c = self.pop();
                let bad = self.b.ins().icmp_imm_s(IntCC::NotEqual, c, i64::from(*n));
                let nv = self.iconst32(u32::from(*n));
                self.fault_if(bad, self.is, Fault::ArgCount, nv, c);
                self.fall();
            }
            Op::StackReserve { obj, int } => {
                let z = self.iconst32(0);
                for _ in 0..*obj {
                    self.os_store(self.os, z);
                    self.os += 1;
                }
                for _ in 0..*int {
                    self.push(z);
                }
                self.fall();
            }
            Op::GeneralLock | Op::GeneralUnlock | Op::OsDrop => {
                self.os -= 1;
                let x = self.os_load(self.os);
                self.refcount(off::DEC_REF, x);
                self.fall();
            }
            Op::Call { ord: 10, nargs: 1 }
                if matches!(self.plan.insns.get(self.pc + 1), Some(Op::OsSet(_))) =>
            {
                let Some(Op::OsSet(p)) = self.plan.insns.get(self.pc + 1) else {
                    unreachable!("matched above");
                };
                self.flush(self.os, self.is, self.pc as u32 + 1);
                let p = self.iconst32(*p);
                let sig = self.service_sig(1);
                let f = self.rt_fn(off::CONCAT_SET);
                let call = self.b.ins().call_indirect(sig, f, &[self.ctx, p]);
                let st = self.b.inst_results(call)[0];
                self.reload_os();
                // CONCAT_SET_DONE: on after the os_set; 0: on with it;
                // anything else: leave with that status.
                let done = self.b.create_block();
                let other = self.b.create_block();
                let out = self.b.create_block();
                let is_done =
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::Equal, st, i64::from(crate::CONCAT_SET_DONE));
                self.b.ins().brif(is_done, done, &[], other, &[]);
                self.b.switch_to_block(done);
                self.b.ins().jump(self.blocks[self.pc + 2], &[]);
                self.b.switch_to_block(other);
                self.b
                    .ins()
                    .brif(st, out, &[], self.blocks[self.pc + 1], &[]);
                self.b.set_cold_block(out);
                self.b.switch_to_block(out);
                self.b.ins().return_(&[st]);
            }
            Op::Call { ord, nargs } | Op::StaticInvoke { ord, nargs } => {
                let field = if matches!(op, Op::Call { .. }) {
                    off::CALL
                } else {
                    off::STATIC_INVOKE
                };
                self.flush(self.os, self.is, self.pc as u32 + 1);
                let o = self.iconst32(*ord);
                let k = self.iconst32(*nargs);
                self.service(field, &[o, k]);
                self.fall();
            }
            Op::IsDup(k) => {
                let w = k.cells();
                for i in 0..w {
                    let v = self.cell(self.is - w + i);
                    self.set_cell(self.is + i, v);
                }
                self.is += w;
                self.fall();
            }
            Op::IsDrop(k) => {
                self.is -= k.cells();
                self.fall();
            }
            Op::OsDup => {
                let x = self.os_load(self.os - 1);
                self.refcount(off::INC_REF, x);
                self.os_store(self.os, x);
                self.fall();
            }
            Op::OsPull(d) => {
                let x = self.os_load(self.os - 1 - d);
                self.refcount(off::INC_REF, x);
                self.os_store(self.os, x);
                self.fall();
            }
            Op::OsGet(p) => {
                let x = self.os_load(*p);
                self.refcount(off::INC_REF, x);
                self.os_store(self.os, x);
                self.fall();
            }
            Op::OsSet(p) => {
                self.os -= 1;
                let x = self.os_load(self.os);
                let old = self.os_load(*p);
                self.os_store(*p, x);
                self.refcount(off::DEC_REF, old);
                self.fall();
            }
            Op::IsGet(k, p) => {
                for i in 0..k.cells() {
                    let v = self.cell(p + i);
                    self.push(v);
                }
                self.fall();
            }
            Op::IsSet(k, p) => {
                let w = k.cells();
                for i in (0..w).rev() {
                    let v = self.pop();
                    self.set_cell(p + i, v);
                }
                self.fall();
            }
            Op::IConst(k, v) => {
                if k.cells() == 1 {
                    let c = self.iconst32(*v as u32);
                    self.push(c);
                } else {
                    let c = self.b.ins().iconst(types::I64, i64::from(*v));
                    self.push64(c);
                }
                self.fall();
            }
            Op::IConst64(v) => {
                let c = self.b.ins().iconst(types::I64, *v);
                self.push64(c);
                self.fall();
            }
            Op::SummonThis => {
                let t = self.ld(types::I32, self.ctx, off::THIS);
                self.refcount(off::INC_REF, t);
                self.os_store(self.os, t);
                self.fall();
            }
            Op::SummonNull => {
                let z = self.iconst32(0);
                self.os_store(self.os, z);
                self.fall();
            }
            Op::OsEq | Op::OsNeq => {
                let b = self.os_load(self.os - 1);
                let a = self.os_load(self.os - 2);
                self.os -= 2;
                let cc = if matches!(op, Op::OsEq) {
                    IntCC::Equal
                } else {
                    IntCC::NotEqual
                };
                let c = self.b.ins().icmp(cc, a, b);
                let c = self.bool_to(types::I32, c);
                self.push(c);
                self.refcount(off::DEC_REF, a);
                self.refcount(off::DEC_REF, b);
                self.fall();
            }
            Op::OsIsNull => {
                self.os -= 1;
                let a = self.os_load(self.os);
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, a, 0);
                let c = self.bool_to(types::I32, c);
                self.push(c);
                self.refcount(off::DEC_REF, a);
                self.fall();
            }
            Op::I2o(_) => {
                let v = self.pop();
                // An int index boxed for the index operators: one service
                // does both ops (arrays without boxing), then on after the
                // call.
                let indexed = match self.plan.insns.get(self.pc + 1) {
                    Some(Op::Call { ord: 10, nargs: 1 }) => Some(off::ARRAY_GET),
                    Some(Op::Call { ord: 11, nargs: 2 }) => Some(off::ARRAY_SET),
                    _ => None,
                };
                match indexed {
                    Some(field) => self.indexed(field == off::ARRAY_SET, v),
                    None => {
                        // Ints with a shared box need no allocation.
                        let [first, min, max, stride] = self.int_cache;
                        let ge = self.b.ins().icmp(IntCC::SignedGreaterThanOrEqual, v, min);
                        let le = self.b.ins().icmp(IntCC::SignedLessThanOrEqual, v, max);
                        let has = self.b.ins().icmp_imm_s(IntCC::NotEqual, first, 0);
                        let inr = self.b.ins().band(ge, le);
                        let inr = self.b.ins().band(inr, has);
                        let fast = self.b.create_block();
                        let slow = self.b.create_block();
                        let merge = self.b.create_block();
                        self.b.ins().brif(inr, fast, &[], slow, &[]);
                        self.b.switch_to_block(fast);
                        let idx = self.b.ins().isub(v, min);
                        let cells = self.b.ins().imul(idx, stride);
                        let r = self.b.ins().iadd(first, cells);
                        self.os_store(self.os, r);
                        self.b.ins().jump(merge, &[]);
                        self.b.set_cold_block(slow);
                        self.b.switch_to_block(slow);
                        self.flush(self.os, self.is, self.pc as u32 + 1);
                        self.service(off::BOX_INT, &[v]);
                        self.b.ins().jump(merge, &[]);
                        self.b.switch_to_block(merge);
                        self.fall();
                    }
                }
            }
            Op::O2i(_) => {
                // A boxed int unboxes inline; anything else (and the
                // error) goes to the service.
                let o = self.os_load(self.os - 1);
                let nonnull = self.b.create_block();
                let fast = self.b.create_block();
                let slow = self.b.create_block();
                let merge = self.b.create_block();
                self.b.ins().brif(o, nonnull, &[], slow, &[]);
                self.b.switch_to_block(nonnull);
                let (a, off_class) = self.heap_cell(o, layout::CLASS);
                let cls = self.b.ins().load(types::I32, trusted(), a, off_class);
                let int_class = self.int_class;
                let is_int = self.b.ins().icmp(IntCC::Equal, cls, int_class);
                self.b.ins().brif(is_int, fast, &[], slow, &[]);
                self.b.switch_to_block(fast);
                let v = self
                    .b
                    .ins()
                    .load(types::I32, trusted(), a, (4 * layout::DATA) as i32);
                self.set_cell(self.is, v);
                self.refcount(off::DEC_REF, o);
                self.b.ins().jump(merge, &[]);
                self.b.set_cold_block(slow);
                self.b.switch_to_block(slow);
                self.flush(self.os, self.is, self.pc as u32 + 1);
                self.service(off::UNBOX_INT, &[]);
                let base = self.ld(types::I64, self.ctx, off::IS);
                let v = self
                    .b
                    .ins()
                    .load(types::I32, trusted(), base, (4 * self.is) as i32);
                self.set_cell(self.is, v);
                self.b.ins().jump(merge, &[]);
                self.b.switch_to_block(merge);
                self.is += 1;
                self.fall();
            }
            Op::Convert { from, to } => {
                let v = self.pop_kind(*from);
                let r = match (from, to) {
                    (NumKind::Int, NumKind::Long) => self.b.ins().sextend(types::I64, v),
                    (NumKind::Long, NumKind::Int) => self.b.ins().ireduce(types::I32, v),
                    _ => v,
                };
                self.push_kind(*to, r);
                self.fall();
            }
            Op::Arith(k, a) => {
                self.arith(*k, *a);
                self.fall();
            }
            _ => {
                return Err(CompileError::Unsupported {
                    pc: self.pc as u32,
                    op: format!("{op:?}"),
                })
            }
        }
        Ok(())
    }

    fn arith(&mut self, k: NumKind, op: ArithOp) {
        use ArithOp::*;
        let ty = if k.cells() == 2 {
            types::I64
        } else {
            types::I32
        };
        let is0 = self.is;
        if matches!(op, Shl | Shr | Ushr) {
            let v = self.pop_kind(k);
            let c = self.pop();
            let r = match op {
                Shl => self.b.ins().ishl(v, c),
                Shr => self.b.ins().sshr(v, c),
                _ => self.b.ins().ushr(v, c),
            };
            self.push_kind(k, r);
            return;
        }
        if op.is_unary() {
            let a = self.pop_kind(k);
            let r = match op {
                Not => self.b.ins().bnot(a),
                _ => {
                    let c = self.b.ins().icmp_imm_s(IntCC::Equal, a, 0);
                    self.bool_to(ty, c)
                }
            };
            self.push_kind(k, r);
            return;
        }
        let b = self.pop_kind(k);
        let a = self.pop_kind(k);
        let r = match op {
            Add => self.b.ins().iadd(a, b),
            Mul => self.b.ins().imul(a, b),
            SubLu => self.b.ins().isub(a, b),
            SubUl => self.b.ins().isub(b, a),
            Or => self.b.ins().bor(a, b),
            And => self.b.ins().band(a, b),
            Xor => self.b.ins().bxor(a, b),
            LogOr => {
                let o = self.b.ins().bor(a, b);
                let c = self.b.ins().icmp_imm_s(IntCC::NotEqual, o, 0);
                self.bool_to(ty, c)
            }
            LogAnd | LogXor => {
                let x = self.b.ins().icmp_imm_s(IntCC::NotEqual, a, 0);
                let y = self.b.ins().icmp_imm_s(IntCC::NotEqual, b, 0);
                let c = if op == LogAnd {
                    self.b.ins().band(x, y)
                } else {
                    self.b.ins().bxor(x, y)
                };
                self.bool_to(ty, c)
            }
            Ge | Le | Gt | Lt => {
                let cc = match op {
                    Ge => IntCC::SignedGreaterThanOrEqual,
                    Le => IntCC::SignedLessThanOrEqual,
                    Gt => IntCC::SignedGreaterThan,
                    _ => IntCC::SignedLessThan,
                };
                let c = self.b.ins().icmp(cc, a, b);
                let c = self.bool_to(types::I32, c);
                self.push(c);
                return;
            }
            DivLu | RemLu | DivUl | RemUl => {
                let (x, y) = if matches!(op, DivLu | RemLu) {
                    (a, b)
                } else {
                    (b, a)
                };
                // The interpreter checks `idiv`/`irem`/`ldiv`/`lrem` (the
                // `Lu` forms) before popping, the others after.
                let is_at_throw = if matches!(op, DivLu | RemLu) {
                    is0
                } else {
                    self.is
                };
                let zero = self.b.ins().icmp_imm_s(IntCC::Equal, y, 0);
                let z = self.iconst32(0);
                self.fault_if(zero, is_at_throw, Fault::DivisionByZero, z, z);
                // MIN / -1 wraps (MIN % -1 is 0): divide by 1 instead and
                // negate.
                let m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
                let one = self.b.ins().iconst(ty, 1);
                let ys = self.b.ins().select(m1, one, y);
                if matches!(op, DivLu | DivUl) {
                    let q = self.b.ins().sdiv(x, ys);
                    let n = self.b.ins().ineg(x);
                    self.b.ins().select(m1, n, q)
                } else {
                    self.b.ins().srem(x, ys)
                }
            }
            Not | LogNot | Shl | Shr | Ushr => unreachable!("handled above"),
        };
        self.push_kind(k, r);
    }
}

/// Compiles with a fresh [`Jit`] (convenience for one-off use).
pub fn compile(code: &Code, nargs: u32) -> Result<Compiled, CompileError> {
    Jit::new()?.compile(code, nargs)
}

#[allow(dead_code)]
fn _assert_send(_: Box<Jit>) {}
