//! Python AST to the shared IR: one module class whose fields are the
//! globals and whose methods are the program's functions (docs/python.md).

use std::collections::{BTreeSet, HashMap};

use diag::{Diagnostic, LineIndex};
use ir::tree::{Local, Node, NodeKind as K, Place, SwitchItem, Target};
use ir::{Arg, ArithOp, Const, MethodSig, NumKind, Summon, Type};
use rustpython_parser::ast::{self, Constant, Expr, Ranged, Stmt};

use crate::runtime::Runtime;
use crate::scope;

const PCLASS: &str = ".py.pobject";
const PMODULE: &str = ".py.pmodule";

/// Built-in functions and classes the front end compiles.
const BUILTIN_FUNCS: &[&str] = &[
    "len",
    "repr",
    "abs",
    "min",
    "max",
    "sum",
    "sorted",
    "reversed",
    "enumerate",
    "zip",
    "map",
    "filter",
    "isinstance",
    "issubclass",
    "chr",
    "ord",
    "hex",
    "oct",
    "bin",
    "divmod",
    "pow",
    "any",
    "all",
    "iter",
    "next",
    "hash",
    "round",
    "callable",
    "getattr",
    "hasattr",
    "setattr",
    "staticmethod",
    "classmethod",
    "property",
];
const BUILTIN_TYPES: &[&str] = &[
    "int",
    "str",
    "bool",
    "list",
    "tuple",
    "dict",
    "range",
    "set",
    "object",
    "type",
    "BaseException",
    "Exception",
    "ArithmeticError",
    "LookupError",
    "ValueError",
    "TypeError",
    "NameError",
    "AttributeError",
    "RuntimeError",
    "AssertionError",
    "StopIteration",
    "ImportError",
    "OSError",
    "SystemError",
    "ZeroDivisionError",
    "OverflowError",
    "IndexError",
    "KeyError",
    "RecursionError",
    "NotImplementedError",
    "UnboundLocalError",
    "SystemExit",
    "KeyboardInterrupt",
    "GeneratorExit",
    "SyntaxError",
    "EOFError",
    "MemoryError",
    "FloatingPointError",
    "ModuleNotFoundError",
    "FileNotFoundError",
    "FileExistsError",
    "PermissionError",
    "TimeoutError",
    "UnicodeError",
];
/// The functions of `math` on ints (the float ones need floats).
const MATH_FUNCS: &[&str] = &["gcd", "lcm", "factorial", "isqrt", "comb", "perm"];

/// Built-ins that exist in Python but not here yet: a clear error.
const UNSUPPORTED_BUILTINS: &[&str] = &[
    "float",
    "frozenset",
    "bytes",
    "bytearray",
    "complex",
    "input",
    "open",
    "format",
    "id",
    "vars",
    "globals",
    "locals",
    "exec",
    "eval",
    "compile",
    "slice",
    "memoryview",
    "ascii",
    "dir",
    "help",
    "breakpoint",
    "delattr",
    "aiter",
    "anext",
    "__import__",
];

/// A compiled program: the module class and the runtime's classes.
pub struct Program {
    /// Every class the program needs, the module class first.
    pub classes: Vec<ir::Class>,
    /// The module class, whose method 8 runs the program.
    pub entry: String,
}

/// Compiles a Python module. `path` names the file in diagnostics.
pub fn compile(path: &str, text: &str, rt: &Runtime) -> Result<Program, Vec<Diagnostic>> {
    let suite = match <ast::Suite as rustpython_parser::Parse>::parse(text, path) {
        Ok(s) => s,
        Err(e) => {
            let at = usize::from(e.offset).min(text.len());
            let d =
                Diagnostic::error("E0900", format!("syntax error: {}", e.error)).at(at..at, "here");
            return Err(vec![d]);
        }
    };
    let stem = std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "main".into());
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let name = format!(".pymain.{clean}");
    let mut m = Module::new(rt, text, name.clone());
    let class = m.module_class(&suite);
    if m.diags.is_empty() {
        let mut classes = vec![class];
        classes.extend(rt.classes.iter().cloned());
        Ok(Program {
            classes,
            entry: name,
        })
    } else {
        Err(m.diags)
    }
}

/// Where a name lives in the code being compiled.
#[derive(Clone, Debug)]
enum Var {
    /// An object-stack local.
    Local(u32),
    /// A local holding a cell (shared with inner functions).
    Cell(u32),
    /// A field of the module object.
    Global(u32),
}

struct ClassCtx {
    dict: u32,
    cell: Option<u32>,
    assigned: BTreeSet<String>,
}

struct LoopCtx {
    try_depth: usize,
}

/// The state of one method being compiled.
struct Fx {
    vars: HashMap<String, Var>,
    is_module: bool,
    next_obj: u32,
    pre: Vec<Node>,
    loops: Vec<LoopCtx>,
    try_depth: usize,
    finally: Vec<Vec<Stmt>>,
    handlers: Vec<u32>,
    classes: Vec<ClassCtx>,
    comp: Vec<HashMap<String, u32>>,
    qual: String,
    /// Names bound in enclosing functions (candidates for free variables).
    enclosing: BTreeSet<String>,
    /// The first parameter (`self` for super()).
    first_param: Option<String>,
    /// In a generator function: the slot of its generator object.
    gen: Option<u32>,
}

impl Fx {
    fn new(is_module: bool, first_free: u32, qual: String) -> Fx {
        Fx {
            vars: HashMap::new(),
            is_module,
            next_obj: first_free,
            pre: Vec::new(),
            loops: Vec::new(),
            try_depth: 0,
            finally: Vec::new(),
            handlers: Vec::new(),
            classes: Vec::new(),
            comp: Vec::new(),
            qual,
            enclosing: BTreeSet::new(),
            first_param: None,
            gen: None,
        }
    }
    fn temp(&mut self) -> u32 {
        let s = self.next_obj;
        self.next_obj += 1;
        s
    }
}

struct Module<'a> {
    rt: &'a Runtime,
    text: &'a str,
    lines: LineIndex,
    name: String,
    consts: Vec<Const>,
    const_ids: HashMap<Vec<u8>, u32>,
    globals: Vec<String>,
    global_ids: HashMap<String, u32>,
    funcs: Vec<ir::Method>,
    modules: HashMap<String, String>,
    diags: Vec<Diagnostic>,
    line: u32,
    /// Constants made once, when the module starts, and kept in fields
    /// after the globals: (field, value), and their keys.
    consts_init: Vec<(u32, Node)>,
    const_fields: HashMap<String, u32>,
}

fn obj() -> Type {
    Type::Class(PCLASS.to_string())
}

fn local(slot: u32) -> Local {
    Local {
        name: format!("v{slot}"),
        slot,
        place: Place::Obj,
    }
}

impl<'a> Module<'a> {
    fn new(rt: &'a Runtime, text: &'a str, name: String) -> Self {
        Module {
            rt,
            text,
            lines: LineIndex::new(text),
            name,
            consts: Vec::new(),
            const_ids: HashMap::new(),
            globals: Vec::new(),
            global_ids: HashMap::new(),
            funcs: Vec::new(),
            modules: HashMap::new(),
            diags: Vec::new(),
            line: 1,
            consts_init: Vec::new(),
            const_fields: HashMap::new(),
        }
    }

    /// A constant value, made once when the module starts (ints, strings,
    /// None and booleans are immutable, so one object serves every use).
    fn cached(&mut self, key: String, make: impl FnOnce(&mut Self) -> Node) -> Node {
        let ordinal = match self.const_fields.get(&key) {
            Some(o) => *o,
            None => {
                let parent = self.rt.infos[PMODULE].n_fields;
                let o = parent + self.globals.len() as u32 + self.consts_init.len() as u32;
                let saved = self.line;
                self.line = 1;
                let v = make(self);
                self.line = saved;
                self.consts_init.push((o, v));
                self.const_fields.insert(key, o);
                o
            }
        };
        self.node(K::GetField {
            name: format!("const{ordinal}"),
            ordinal,
        })
    }

    // ---- diagnostics

    fn error(&mut self, r: ast::text_size::TextRange, msg: impl Into<String>) {
        let span = usize::from(r.start())..usize::from(r.end()).min(self.text.len());
        let d = Diagnostic::error("E0901", msg.into()).at(span, "not supported");
        self.diags.push(d);
    }
    fn error_code(
        &mut self,
        code: &'static str,
        r: ast::text_size::TextRange,
        msg: impl Into<String>,
        label: &str,
    ) {
        let span = usize::from(r.start())..usize::from(r.end()).min(self.text.len());
        self.diags
            .push(Diagnostic::error(code, msg.into()).at(span, label.to_string()));
    }
    fn set_line(&mut self, r: ast::text_size::TextRange) {
        self.line = self.lines.line(usize::from(r.start()));
    }

    // ---- node builders

    fn node(&self, kind: K) -> Node {
        Node::new(kind, obj(), self.line)
    }
    fn stmt_node(&self, kind: K) -> Node {
        Node::new(kind, Type::Void, self.line)
    }
    fn ord(&self, class: &str, name: &str) -> u32 {
        self.rt
            .ordinal(class, name)
            .unwrap_or_else(|| panic!("runtime method {class}.{name} is missing"))
    }
    fn call(&self, recv: Node, class: &str, name: &str, args: Vec<Node>) -> Node {
        let ordinal = self.ord(class, name);
        self.node(K::Call {
            receiver: Box::new(recv),
            name: Some(name.to_string()),
            ordinal,
            args,
        })
    }
    fn this(&self) -> Node {
        self.node(K::This)
    }
    fn this_call(&self, name: &str, args: Vec<Node>) -> Node {
        self.call(self.this(), PMODULE, name, args)
    }
    fn new_obj(&self, class: &str, args: Vec<Node>) -> Node {
        let info = &self.rt.infos[class];
        let ctor = info
            .methods
            .iter()
            .find(|m| m.is_ctor && m.args.len() == args.len())
            .map(|m| m.ordinal);
        self.node(K::New {
            class: Summon::ByName(class.to_string()),
            ctor,
            args,
        })
    }
    fn int_node(&self, v: i32) -> Node {
        Node::new(K::IntConst(v), Type::INT, self.line)
    }
    fn boxed_int(&self, v: i32) -> Node {
        let i = self.int_node(v);
        Node::new(K::Box(NumKind::Int, Box::new(i)), obj(), self.line)
    }
    fn unbox(&self, n: Node) -> Node {
        Node::new(K::Unbox(NumKind::Int, Box::new(n)), Type::INT, self.line)
    }
    fn raw_str(&mut self, s: &str) -> Node {
        let bytes = s.as_bytes().to_vec();
        let id = match self.const_ids.get(&bytes) {
            Some(id) => *id,
            None => {
                let id = self.consts.len() as u32;
                self.consts.push(Const {
                    id,
                    bytes: bytes.clone(),
                });
                self.const_ids.insert(bytes.clone(), id);
                id
            }
        };
        Node::new(K::StrConst { id, bytes }, Type::String, self.line)
    }
    fn py_str(&mut self, s: &str) -> Node {
        self.cached(format!("s:{s}"), |m| {
            let r = m.raw_str(s);
            m.new_obj(".py.pstr", vec![r])
        })
    }
    fn none(&self) -> Node {
        self.new_obj(".py.pnone", vec![])
    }
    fn get(&self, slot: u32) -> Node {
        self.node(K::GetLocal(local(slot)))
    }
    fn set(&self, slot: u32, v: Node) -> Node {
        self.stmt_node(K::Assign {
            target: Target::Local(local(slot)),
            value: Box::new(v),
            keep: false,
        })
    }
    fn discard(&self, n: Node) -> Node {
        self.stmt_node(K::Discard(Box::new(n)))
    }
    fn seq(&self, v: Vec<Node>) -> Node {
        self.stmt_node(K::Seq(v))
    }
    fn if_(&self, cond: Node, then: Vec<Node>, els: Option<Vec<Node>>) -> Node {
        self.stmt_node(K::If {
            cond: Box::new(cond),
            then: Box::new(self.seq(then)),
            els: els.map(|e| Box::new(self.seq(e))),
        })
    }
    fn truth(&self, v: Node) -> Node {
        let c = self.call(v, PCLASS, "truth", vec![]);
        self.unbox(c)
    }
    fn not(&self, c: Node) -> Node {
        Node::new(
            K::Arith {
                op: ArithOp::LogNot,
                kind: NumKind::Int,
                lhs: Box::new(c),
                rhs: None,
            },
            Type::INT,
            self.line,
        )
    }
    fn is_null(&self, v: Node) -> Node {
        Node::new(
            K::RefCmp {
                lhs: Box::new(v),
                rhs: Box::new(self.node(K::Null)),
                eq: true,
            },
            Type::INT,
            self.line,
        )
    }
    fn bool_of(&self, boxed_int: Node) -> Node {
        self.this_call("bool_", vec![boxed_int])
    }
    fn array(&self, mut items: Vec<Node>) -> Node {
        let rest = items.split_off(items.len().min(4));
        let first = ["arr0", "arr1", "arr2", "arr3", "arr4"][items.len()];
        let mut a = self.this_call(first, items);
        for x in rest {
            a = self.this_call("arrPush", vec![a, x]);
        }
        a
    }
    fn throw(&self, v: Node) -> Node {
        self.stmt_node(K::Throw(Box::new(v)))
    }
    fn err(&mut self, class: &str, msg: &str) -> Node {
        let c = self.raw_str(class);
        let m = self.raw_str(msg);
        self.this_call("err", vec![c, m])
    }

    // ---- the module class

    fn module_class(&mut self, suite: &[Stmt]) -> ir::Class {
        let parent = self.rt.infos[PMODULE].clone();
        // Globals: every name the module binds and every name a function
        // declares global.
        let info = scope::analyze(suite);
        let mut names: BTreeSet<String> = info.assigned.clone();
        collect_globals(suite, &mut names);
        for s in suite {
            if let Stmt::Import(i) = s {
                for a in &i.names {
                    names.remove(a.asname.as_ref().unwrap_or(&a.name).as_str());
                }
            }
        }
        for n in names {
            let ord = parent.n_fields + self.globals.len() as u32;
            self.global_ids.insert(n.clone(), ord);
            self.globals.push(n);
        }
        let mut fx = Fx::new(true, 2, String::new());
        for (n, o) in &self.global_ids {
            fx.vars.insert(n.clone(), Var::Global(*o));
        }
        self.line = 1;
        let set_boot = self.this_call("setBoot", vec![self.get(0)]);
        let mut body = vec![self.discard(set_boot)];
        let mut inner = Vec::new();
        for s in suite {
            self.stmt(&mut fx, s, &mut inner);
        }
        // SystemExit with no code, None or 0 ends the program quietly; any
        // other exception goes on to the VM, which reports it and exits 1.
        let caught = fx.temp();
        let e = fx.temp();
        let conv = self.this_call("pyExc", vec![self.get(caught)]);
        let quiet = self.this_call("exitQuietly", vec![self.get(e)]);
        let close = self.discard(self.this_call("closeGens", vec![]));
        let handler = vec![
            self.set(e, conv),
            close.clone(),
            self.if_(
                self.unbox(quiet),
                vec![self.stmt_node(K::Return(None))],
                None,
            ),
            self.throw(self.this_call("uncaught", vec![self.get(e)])),
        ];
        inner.push(close);
        body.push(self.stmt_node(K::Try {
            body: Box::new(self.seq(inner)),
            class: Summon::ByName(ir::types::names::OBJECT.to_string()),
            var: local(caught),
            handler: Box::new(self.seq(handler)),
        }));
        // The constants, before the module body.
        let inits = std::mem::take(&mut self.consts_init);
        let mut const_names = Vec::new();
        let mut with_consts = vec![body.remove(0)];
        for (o, v) in inits {
            const_names.push(o);
            with_consts.push(self.stmt_node(K::Assign {
                target: Target::Field {
                    name: format!("const{o}"),
                    ordinal: o,
                },
                value: Box::new(v),
                keep: false,
            }));
        }
        with_consts.append(&mut body);
        let body = with_consts;
        let run = ir::Method {
            sig: MethodSig {
                name: "run".into(),
                ordinal: 8,
                is_ctor: false,
                ret: Type::Void,
                args: vec![Arg {
                    name: "boot".into(),
                    ty: Type::Unknown,
                }],
            },
            obj_slots: fx.next_obj,
            int_slots: 0,
            body: Some(self.seq(body)),
        };
        // invoke(idx, f, args): a switch over the functions.
        let invoke_ord = self.ord(PMODULE, "invoke");
        let mut items = Vec::new();
        for (i, f) in self.funcs.iter().enumerate() {
            items.push(SwitchItem::Case(self.int_node(i as i32)));
            let call = self.node(K::Call {
                receiver: Box::new(self.this()),
                name: Some(f.sig.name.clone()),
                ordinal: f.sig.ordinal,
                args: vec![self.get(1), self.get(2)],
            });
            items.push(SwitchItem::Stmt(
                self.stmt_node(K::Return(Some(Box::new(call)))),
            ));
        }
        let idx = self.unbox(self.get(0));
        let nofunc = self.err("SystemError", "no such function");
        let invoke_body = vec![
            self.stmt_node(K::Switch {
                value: Box::new(idx),
                items,
            }),
            self.throw(nofunc),
        ];
        let invoke = ir::Method {
            sig: MethodSig {
                name: "invoke".into(),
                ordinal: invoke_ord,
                is_ctor: false,
                ret: obj(),
                args: std::iter::once(Arg {
                    name: "idx".into(),
                    ty: Type::INT,
                })
                .chain(func_args())
                .collect(),
            },
            obj_slots: 3,
            int_slots: 0,
            body: Some(self.seq(invoke_body)),
        };
        let mut methods = vec![run, invoke];
        methods.append(&mut self.funcs);
        methods.sort_by_key(|m| m.sig.ordinal);
        let n_methods = methods
            .iter()
            .map(|m| m.sig.ordinal + 1)
            .max()
            .unwrap_or(0)
            .max(parent.n_methods);
        let mut fields: Vec<ir::Field> = self
            .globals
            .iter()
            .map(|g| ir::Field {
                name: g.clone(),
                ordinal: self.global_ids[g],
                ty: Type::Unknown,
            })
            .collect();
        fields.extend(const_names.iter().map(|o| ir::Field {
            name: format!("const{o}"),
            ordinal: *o,
            ty: Type::Unknown,
        }));
        ir::Class {
            info: ir::ClassInfo {
                name: self.name.clone(),
                parent: PMODULE.to_string(),
                n_fields: parent.n_fields + (self.globals.len() + const_names.len()) as u32,
                n_methods,
                fields,
                methods: methods.iter().map(|m| m.sig.clone()).collect(),
            },
            methods,
            consts: std::mem::take(&mut self.consts),
            source: String::new(),
        }
    }

    // ---- statements

    fn flush(&self, fx: &mut Fx, out: &mut Vec<Node>) {
        out.append(&mut fx.pre);
    }

    fn block(&mut self, fx: &mut Fx, body: &[Stmt]) -> Vec<Node> {
        let mut out = Vec::new();
        for s in body {
            self.stmt(fx, s, &mut out);
        }
        out
    }

    fn stmt(&mut self, fx: &mut Fx, s: &Stmt, out: &mut Vec<Node>) {
        self.set_line(s.range());
        match s {
            Stmt::Expr(e) => {
                let v = self.expr(fx, &e.value);
                self.flush(fx, out);
                out.push(self.discard(v));
            }
            Stmt::Pass(_) => {}
            Stmt::Assign(a) => {
                let v = self.expr(fx, &a.value);
                if a.targets.len() == 1 {
                    self.assign(fx, &a.targets[0], v, out);
                } else {
                    let t = fx.temp();
                    self.flush(fx, out);
                    out.push(self.set(t, v));
                    for tg in &a.targets {
                        let g = self.get(t);
                        self.assign(fx, tg, g, out);
                    }
                }
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    let v = self.expr(fx, v);
                    self.assign(fx, &a.target, v, out);
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(fx, a, out),
            Stmt::If(i) => {
                let c = self.cond(fx, &i.test);
                self.flush(fx, out);
                let then = self.block(fx, &i.body);
                let els = if i.orelse.is_empty() {
                    None
                } else {
                    Some(self.block(fx, &i.orelse))
                };
                self.set_line(i.range);
                out.push(self.if_(c, then, els));
            }
            Stmt::While(w) => {
                // while True: { pre; if not cond: { else; break }; body }
                let mut inner = Vec::new();
                let c = self.cond(fx, &w.test);
                self.flush(fx, &mut inner);
                let mut exit = self.block(fx, &w.orelse);
                exit.push(self.stmt_node(K::Break));
                self.set_line(w.range);
                inner.push(self.if_(self.not(c), exit, None));
                let l = self.loop_(fx, inner, &w.body, w.range);
                out.push(l);
            }
            Stmt::For(f) => {
                let it = self.expr(fx, &f.iter);
                let it = self.call(it, PCLASS, "iter", vec![]);
                self.flush(fx, out);
                let its = fx.temp();
                let x = fx.temp();
                out.push(self.set(its, it));
                let next = self.call(self.get(its), PCLASS, "next", vec![]);
                let mut inner = vec![self.set(x, next)];
                let mut exit = self.block(fx, &f.orelse);
                exit.push(self.stmt_node(K::Break));
                self.set_line(f.range);
                inner.push(self.if_(self.is_null(self.get(x)), exit, None));
                let xv = self.get(x);
                self.assign(fx, &f.target, xv, &mut inner);
                let l = self.loop_(fx, inner, &f.body, f.range);
                out.push(l);
            }
            Stmt::Break(b) => self.jump(fx, b.range, true, out),
            Stmt::Continue(c) => self.jump(fx, c.range, false, out),
            Stmt::Return(r) => {
                if fx.is_module && fx.classes.is_empty() {
                    self.error_code("E0902", r.range, "'return' outside function", "here");
                    return;
                }
                let v = match &r.value {
                    Some(v) => self.expr(fx, v),
                    None => self.none(),
                };
                self.flush(fx, out);
                if fx.finally.is_empty() {
                    out.push(self.stmt_node(K::Return(Some(Box::new(v)))));
                } else {
                    // The finally blocks run before the function returns.
                    let t = fx.temp();
                    out.push(self.set(t, v));
                    let fins = fx.finally.clone();
                    let saved = std::mem::take(&mut fx.finally);
                    for f in fins.iter().rev() {
                        out.extend(self.block(fx, f));
                    }
                    fx.finally = saved;
                    out.push(self.stmt_node(K::Return(Some(Box::new(self.get(t))))));
                }
            }
            Stmt::FunctionDef(f) => {
                let decos: Vec<Node> = f.decorator_list.iter().map(|d| self.expr(fx, d)).collect();
                let mut v = self.function(
                    fx,
                    f.name.as_str(),
                    &f.args,
                    FuncBody::Stmts(&f.body),
                    f.range,
                );
                for d in decos.into_iter().rev() {
                    let a = self.array(vec![v]);
                    v = self.call(d, PCLASS, "call", vec![a, self.node(K::Null)]);
                }
                let target = Expr::Name(ast::ExprName {
                    range: f.range,
                    id: f.name.clone(),
                    ctx: ast::ExprContext::Store,
                });
                self.assign(fx, &target, v, out);
            }
            Stmt::ClassDef(c) => self.class_def(fx, c, out),
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Raise(r) => {
                let v = match &r.exc {
                    Some(e) => {
                        let v = self.expr(fx, e);
                        self.this_call("mkExc", vec![v])
                    }
                    None => match fx.handlers.last() {
                        Some(slot) => self.get(*slot),
                        None => {
                            self.error(
                                r.range,
                                "a bare 'raise' outside an except block is not supported",
                            );
                            return;
                        }
                    },
                };
                if let Some(c) = &r.cause {
                    let t = fx.temp();
                    let cause = self.expr(fx, c);
                    self.flush(fx, out);
                    out.push(self.set(t, v));
                    let name = self.raw_str("__cause__");
                    let st = self.call(self.get(t), PCLASS, "setattr", vec![name, cause]);
                    out.push(self.discard(st));
                    out.push(self.throw(self.get(t)));
                } else {
                    self.flush(fx, out);
                    out.push(self.throw(v));
                }
            }
            Stmt::Try(t) => self.try_stmt(fx, t, out),
            Stmt::With(w) => self.with_stmt(fx, w, out),
            Stmt::Assert(a) => {
                let c = self.cond(fx, &a.test);
                let mut pre = std::mem::take(&mut fx.pre);
                let msg = match &a.msg {
                    Some(m) => {
                        let v = self.expr(fx, m);
                        self.array(vec![v])
                    }
                    None => self.array(vec![]),
                };
                let an = self.raw_str("AssertionError");
                let exc = self.new_obj(".py.ptype", vec![an]);
                let e = self.call(exc, PCLASS, "call", vec![msg, self.node(K::Null)]);
                let mut fail = std::mem::take(&mut fx.pre);
                fail.push(self.throw(e));
                out.append(&mut pre);
                out.push(self.if_(self.not(c), fail, None));
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    match t {
                        Expr::Subscript(s) => {
                            let parts = self.exprs(fx, &[&s.value, &s.slice]);
                            let [o, k]: [Node; 2] = parts.try_into().expect("two parts");
                            let c = self.call(o, PCLASS, "delitem", vec![k]);
                            self.flush(fx, out);
                            out.push(self.discard(c));
                        }
                        Expr::Attribute(a) => {
                            let o = self.expr(fx, &a.value);
                            let n = self.raw_str(a.attr.as_str());
                            let c = self.call(o, PCLASS, "delattr", vec![n]);
                            self.flush(fx, out);
                            out.push(self.discard(c));
                        }
                        Expr::Name(n) => {
                            // Unbound again: the slot or field holds null.
                            let null = self.node(K::Null);
                            let st = self.store_name(fx, n.id.as_str(), null, n.range);
                            out.extend(st);
                        }
                        other => {
                            self.error(other.range(), "this 'del' target is not supported yet")
                        }
                    }
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let n = a.name.as_str();
                    if !["sys", "time", "math"].contains(&n) {
                        self.error_code(
                            "E0903",
                            a.range,
                            format!("module '{n}' is not supported yet"),
                            "not available",
                        );
                        continue;
                    }
                    let alias = a.asname.as_ref().unwrap_or(&a.name).to_string();
                    self.modules.insert(alias, n.to_string());
                }
            }
            other => self.error(other.range(), "this statement is not supported yet"),
        }
    }

    /// `while 1 { head; body }`: the loop of `while` and `for`, whose
    /// head tests for the end (running the `else` block then).
    fn loop_(
        &mut self,
        fx: &mut Fx,
        mut head: Vec<Node>,
        body: &[Stmt],
        r: ast::text_size::TextRange,
    ) -> Node {
        fx.loops.push(LoopCtx {
            try_depth: fx.try_depth,
        });
        head.extend(self.block(fx, body));
        fx.loops.pop();
        self.set_line(r);
        self.stmt_node(K::While {
            cond: Box::new(self.int_node(1)),
            body: Box::new(self.seq(head)),
        })
    }

    fn jump(
        &mut self,
        fx: &mut Fx,
        r: ast::text_size::TextRange,
        is_break: bool,
        out: &mut Vec<Node>,
    ) {
        let Some(l) = fx.loops.last() else {
            let what = if is_break { "'break'" } else { "'continue'" };
            self.error_code("E0902", r, format!("{what} outside loop"), "here");
            return;
        };
        if l.try_depth < fx.try_depth {
            // Leaving a try block: thrown, so that the VM drops the try's
            // handler, and taken up again by the handler (try_stmt).
            let c = self.new_obj(
                ".py.pctl",
                vec![self.boxed_int(if is_break { 1 } else { 2 })],
            );
            out.push(self.throw(c));
        } else if is_break {
            out.push(self.stmt_node(K::Break));
        } else {
            out.push(self.stmt_node(K::Continue));
        }
    }

    /// The start of every handler: a break or continue on its way out.
    fn ctl_check(&mut self, fx: &mut Fx, caught: u32, fin: &[Stmt]) -> Vec<Node> {
        if fx.loops.last().is_none_or(|l| l.try_depth >= fx.try_depth) {
            return Vec::new();
        }
        // Outside this try now.
        fx.try_depth -= 1;
        let k = fx.temp();
        let kind = self.this_call("ctlKind", vec![self.get(caught)]);
        let mut on_break = self.block(fx, fin);
        self.jump(
            fx,
            ast::text_size::TextRange::default(),
            true,
            &mut on_break,
        );
        let mut on_cont = self.block(fx, fin);
        self.jump(
            fx,
            ast::text_size::TextRange::default(),
            false,
            &mut on_cont,
        );
        fx.try_depth += 1;
        let kv = self.unbox(self.get(k));
        let is_break = Node::new(
            K::NumEq {
                kind: NumKind::Int,
                lhs: Box::new(kv),
                rhs: Box::new(self.int_node(1)),
                negate: false,
                temps: 0,
            },
            Type::INT,
            self.line,
        );
        let kv2 = self.unbox(self.get(k));
        let is_ctl = kv2;
        vec![
            self.set(k, kind),
            self.if_(
                is_ctl,
                vec![self.if_(is_break, on_break, Some(on_cont))],
                None,
            ),
        ]
    }

    fn try_stmt(&mut self, fx: &mut Fx, t: &ast::StmtTry, out: &mut Vec<Node>) {
        let object = Summon::ByName(ir::types::names::OBJECT.to_string());
        let has_fin = !t.finalbody.is_empty();
        if has_fin {
            fx.finally.push(t.finalbody.clone());
            fx.try_depth += 1;
        }
        let mut body_out = Vec::new();
        if t.handlers.is_empty() {
            body_out = self.block(fx, &t.body);
            body_out.extend(self.block(fx, &t.orelse));
        } else {
            let ok = fx.temp();
            body_out.push(self.set(ok, self.node(K::Null)));
            fx.try_depth += 1;
            let mut protected = self.block(fx, &t.body);
            protected.push(self.set(ok, self.this()));
            let caught = fx.temp();
            let mut handler = self.ctl_check(fx, caught, &[]);
            fx.try_depth -= 1;
            let e = fx.temp();
            let conv = self.this_call("pyExc", vec![self.get(caught)]);
            handler.push(self.set(e, conv));
            // The handlers as an if/elif chain; no match: raise again.
            let mut chain: Vec<Node> = vec![self.throw(self.get(e))];
            for h in t.handlers.iter().rev() {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                self.set_line(h.range);
                fx.handlers.push(e);
                let mut body = Vec::new();
                if let Some(n) = &h.name {
                    let target = Expr::Name(ast::ExprName {
                        range: h.range,
                        id: n.clone(),
                        ctx: ast::ExprContext::Store,
                    });
                    let ev = self.get(e);
                    self.assign(fx, &target, ev, &mut body);
                }
                body.extend(self.block(fx, &h.body));
                fx.handlers.pop();
                match &h.type_ {
                    None => chain = body,
                    Some(ty) => {
                        let tv = self.expr(fx, ty);
                        let m = self.this_call("excMatch", vec![self.get(e), tv]);
                        let mut pre = std::mem::take(&mut fx.pre);
                        pre.push(self.if_(self.unbox(m), body, Some(chain)));
                        chain = pre;
                    }
                }
            }
            handler.extend(chain);
            self.set_line(t.range);
            body_out.push(self.stmt_node(K::Try {
                body: Box::new(self.seq(protected)),
                class: object.clone(),
                var: local(caught),
                handler: Box::new(self.seq(handler)),
            }));
            if !t.orelse.is_empty() {
                let els = self.block(fx, &t.orelse);
                let not_null = self.not(self.is_null(self.get(ok)));
                body_out.push(self.if_(not_null, els, None));
            }
        }
        if !has_fin {
            out.extend(body_out);
            return;
        }
        fx.finally.pop();
        let caught = fx.temp();
        let mut handler = self.ctl_check(fx, caught, &t.finalbody);
        fx.try_depth -= 1;
        handler.extend(self.block(fx, &t.finalbody));
        handler.push(self.throw(self.get(caught)));
        self.set_line(t.range);
        out.push(self.stmt_node(K::Try {
            body: Box::new(self.seq(body_out)),
            class: object,
            var: local(caught),
            handler: Box::new(self.seq(handler)),
        }));
        out.extend(self.block(fx, &t.finalbody));
    }

    /// `with m as v: body`, as PEP 343 spells it out: `__enter__`, the
    /// body in a try whose handler asks `__exit__` whether to swallow the
    /// exception, and `__exit__(None, None, None)` in a finally otherwise.
    /// The statements come from a template parsed at the with statement's
    /// offset, with hidden names bound to temporaries.
    fn with_stmt(&mut self, fx: &mut Fx, w: &ast::StmtWith, out: &mut Vec<Node>) {
        let item = &w.items[0];
        let v = self.expr(fx, &item.context_expr);
        self.flush(fx, out);
        let n = self.funcs.len() + fx.next_obj as usize;
        let (mgr, ok, val, e) = (
            format!("__with_mgr_{n}"),
            format!("__with_ok_{n}"),
            format!("__with_val_{n}"),
            format!("__with_e_{n}"),
        );
        let mut hidden = HashMap::new();
        for name in [&mgr, &ok, &val, &e] {
            hidden.insert(name.clone(), fx.temp());
        }
        out.push(self.set(hidden[&mgr], v));
        fx.comp.push(hidden.clone());
        let text = format!(
            "{ok} = True\n{val} = {mgr}.__enter__()\ntry:\n    try:\n        pass\n    except BaseException as {e}:\n        {ok} = False\n        if not {mgr}.__exit__(type({e}), {e}, None):\n            raise\nfinally:\n    if {ok}:\n        {mgr}.__exit__(None, None, None)\n"
        );
        let Ok(mut tpl) = <ast::Suite as rustpython_parser::Parse>::parse_starts_at(
            &text,
            "<with>",
            w.range.start(),
        ) else {
            unreachable!("the with template parses");
        };
        // The body: the remaining items' with statement, or the body.
        let body = if w.items.len() > 1 {
            vec![Stmt::With(ast::StmtWith {
                range: w.range,
                items: w.items[1..].to_vec(),
                body: w.body.clone(),
                type_comment: None,
            })]
        } else {
            w.body.clone()
        };
        if let Some(Stmt::Try(outer)) = tpl.get_mut(2) {
            if let Some(Stmt::Try(inner)) = outer.body.get_mut(0) {
                inner.body = body;
            }
        }
        for st in &tpl[..2] {
            self.stmt(fx, st, out);
        }
        if let Some(target) = &item.optional_vars {
            let value = self.get(hidden[&val]);
            self.assign(fx, target, value, out);
        }
        self.stmt(fx, &tpl[2], out);
        fx.comp.pop();
    }

    fn class_def(&mut self, fx: &mut Fx, c: &ast::StmtClassDef, out: &mut Vec<Node>) {
        if !c.keywords.is_empty() {
            self.error(
                c.range,
                "class keywords (metaclass=...) are not supported yet",
            );
            return;
        }
        if !c.decorator_list.is_empty() {
            self.error(c.range, "class decorators are not supported yet");
            return;
        }
        let bases: Vec<&Expr> = c.bases.iter().collect();
        let bases = self.exprs(fx, &bases);
        let tuple = self.new_obj(".py.ptuple", vec![]);
        let mut tv = tuple;
        for b in bases {
            tv = self.call(tv, ".py.pseq", "push", vec![b]);
        }
        self.flush(fx, out);
        let bt = fx.temp();
        out.push(self.set(bt, tv));
        let dict = fx.temp();
        out.push(self.set(dict, self.new_obj(".py.pdict", vec![])));
        let needs_cell = c.body.iter().any(|s| match s {
            Stmt::FunctionDef(f) => scope::uses_super(&f.body),
            _ => false,
        });
        let cell = needs_cell.then(|| fx.temp());
        if let Some(cs) = cell {
            out.push(self.set(cs, self.new_obj(".py.pcell", vec![])));
        }
        let mut assigned = BTreeSet::new();
        for s in &c.body {
            let info = scope::analyze(std::slice::from_ref(s));
            assigned.extend(info.assigned);
        }
        fx.classes.push(ClassCtx {
            dict,
            cell,
            assigned,
        });
        let saved_qual = fx.qual.clone();
        fx.qual = format!("{}{}.", fx.qual, c.name);
        let body = self.block(fx, &c.body);
        fx.qual = saved_qual;
        fx.classes.pop();
        out.extend(body);
        self.set_line(c.range);
        let name = self.raw_str(c.name.as_str());
        let tdict = self.get(dict);
        let cls = self.new_obj(".py.ptype", vec![name, self.get(bt), tdict]);
        let ct = fx.temp();
        out.push(self.set(ct, cls));
        if let Some(cs) = cell {
            let s = self.call(self.get(cs), ".py.pcell", "set", vec![self.get(ct)]);
            out.push(self.discard(s));
        }
        let target = Expr::Name(ast::ExprName {
            range: c.range,
            id: c.name.clone(),
            ctx: ast::ExprContext::Store,
        });
        let v = self.get(ct);
        self.assign(fx, &target, v, out);
    }

    fn aug_assign(&mut self, fx: &mut Fx, a: &ast::StmtAugAssign, out: &mut Vec<Node>) {
        let method = match binop_method(&a.op) {
            Some(m) => m,
            None => {
                self.error(a.range, "this operator is not supported yet");
                return;
            }
        };
        let method = if method == "add" { "iadd" } else { method };
        match &*a.target {
            Expr::Name(_) => {
                let cur = self.expr(fx, &a.target);
                let v = self.expr(fx, &a.value);
                let r = self.call(cur, PCLASS, method, vec![v]);
                self.assign(fx, &a.target, r, out);
            }
            Expr::Subscript(s) => {
                let parts = self.exprs(fx, &[&s.value, &s.slice]);
                let [o, k]: [Node; 2] = parts.try_into().expect("two parts");
                self.flush(fx, out);
                let (ot, kt) = (fx.temp(), fx.temp());
                out.push(self.set(ot, o));
                out.push(self.set(kt, k));
                let cur = self.call(self.get(ot), PCLASS, "getitem", vec![self.get(kt)]);
                let v = self.expr(fx, &a.value);
                let r = self.call(cur, PCLASS, method, vec![v]);
                let st = self.call(self.get(ot), PCLASS, "setitem", vec![self.get(kt), r]);
                self.flush(fx, out);
                out.push(self.discard(st));
            }
            Expr::Attribute(at) => {
                let o = self.expr(fx, &at.value);
                self.flush(fx, out);
                let ot = fx.temp();
                out.push(self.set(ot, o));
                let n = self.raw_str(at.attr.as_str());
                let cur = self.call(self.get(ot), PCLASS, "getattr", vec![n.clone()]);
                let v = self.expr(fx, &a.value);
                let r = self.call(cur, PCLASS, method, vec![v]);
                let st = self.call(self.get(ot), PCLASS, "setattr", vec![n, r]);
                self.flush(fx, out);
                out.push(self.discard(st));
            }
            other => self.error(other.range(), "cannot assign to this"),
        }
    }

    /// Stores v (already compiled; its pre statements pending) into target.
    fn assign(&mut self, fx: &mut Fx, target: &Expr, v: Node, out: &mut Vec<Node>) {
        match target {
            Expr::Name(n) => {
                let name = n.id.as_str();
                self.flush(fx, out);
                let st = self.store_name(fx, name, v, n.range);
                out.extend(st);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let stars: Vec<usize> = (0..elts.len())
                    .filter(|i| matches!(elts[*i], Expr::Starred(_)))
                    .collect();
                if stars.len() > 1 {
                    self.error(target.range(), "multiple starred expressions in assignment");
                    return;
                }
                let arr = match stars.first() {
                    None => self.this_call("unpack", vec![v, self.boxed_int(elts.len() as i32)]),
                    Some(&i) => {
                        let after = (elts.len() - i - 1) as i32;
                        self.this_call(
                            "unpackStar",
                            vec![v, self.boxed_int(i as i32), self.boxed_int(after)],
                        )
                    }
                };
                self.flush(fx, out);
                let t = fx.temp();
                out.push(self.set(t, arr));
                for (i, e) in elts.iter().enumerate() {
                    let item = self.node(K::Index {
                        array: Box::new(self.get(t)),
                        index: Box::new(self.boxed_int(i as i32)),
                    });
                    let e = match e {
                        Expr::Starred(s) => &*s.value,
                        other => other,
                    };
                    self.assign(fx, e, item, out);
                }
            }
            Expr::Subscript(s) => {
                let vt = fx.temp();
                self.flush(fx, out);
                out.push(self.set(vt, v));
                let parts = self.exprs(fx, &[&s.value, &s.slice]);
                let [o, k]: [Node; 2] = parts.try_into().expect("two parts");
                let c = self.call(o, PCLASS, "setitem", vec![k, self.get(vt)]);
                self.flush(fx, out);
                out.push(self.discard(c));
            }
            Expr::Attribute(a) => {
                let vt = fx.temp();
                self.flush(fx, out);
                out.push(self.set(vt, v));
                let o = self.expr(fx, &a.value);
                let n = self.raw_str(a.attr.as_str());
                let c = self.call(o, PCLASS, "setattr", vec![n, self.get(vt)]);
                self.flush(fx, out);
                out.push(self.discard(c));
            }
            other => self.error(other.range(), "cannot assign to this expression"),
        }
    }

    fn store_name(
        &mut self,
        fx: &mut Fx,
        name: &str,
        v: Node,
        r: ast::text_size::TextRange,
    ) -> Vec<Node> {
        if let Some(m) = fx.comp.iter().rev().find_map(|m| m.get(name)) {
            return vec![self.set(*m, v)];
        }
        if let Some(c) = fx.classes.last() {
            let k = self.py_str(name);
            let d = self.get(c.dict);
            let s = self.call(d, PCLASS, "setitem", vec![k, v]);
            return vec![self.discard(s)];
        }
        match fx.vars.get(name).cloned() {
            Some(Var::Local(s)) => vec![self.set(s, v)],
            Some(Var::Cell(s)) => {
                let c = self.call(self.get(s), ".py.pcell", "set", vec![v]);
                vec![self.discard(c)]
            }
            Some(Var::Global(o)) => vec![self.stmt_node(K::Assign {
                target: Target::Field {
                    name: name.to_string(),
                    ordinal: o,
                },
                value: Box::new(v),
                keep: false,
            })],
            None => {
                self.error(r, format!("cannot assign to '{name}' here"));
                Vec::new()
            }
        }
    }

    // ---- functions

    fn function(
        &mut self,
        fx: &mut Fx,
        name: &str,
        args: &ast::Arguments,
        body: FuncBody,
        r: ast::text_size::TextRange,
    ) -> Node {
        let qual = format!("{}{}", fx.qual, name);
        // Defaults are evaluated where the def is.
        let mut defaults = Vec::new();
        for a in args.posonlyargs.iter().chain(&args.args) {
            if let Some(d) = &a.default {
                defaults.push(self.expr(fx, d));
            }
        }
        let mut kwdefaults = Vec::new();
        for a in &args.kwonlyargs {
            if let Some(d) = &a.default {
                let v = self.expr(fx, d);
                kwdefaults.push((a.def.arg.to_string(), v));
            }
        }
        let info = match &body {
            FuncBody::Stmts(b) => scope::analyze(b),
            FuncBody::Expr(e) => scope::analyze_expr(e),
        };
        let params = scope::param_names(args);
        let param_set: BTreeSet<String> = params.iter().cloned().collect();
        let mut locals: BTreeSet<String> = info.assigned.clone();
        locals.extend(params.iter().cloned());
        for g in info.globals.iter().chain(&info.nonlocals) {
            locals.remove(g);
        }
        // Free variables: read here (or in inner functions) and bound in
        // an enclosing function; `__class__` comes from the class body.
        let mut enclosing = fx.enclosing.clone();
        if !fx.is_module || !fx.classes.is_empty() {
            for (n, v) in &fx.vars {
                if matches!(v, Var::Local(_) | Var::Cell(_)) {
                    enclosing.insert(n.clone());
                }
            }
        }
        let mut free: Vec<String> = info
            .free(&param_set)
            .into_iter()
            .filter(|n| enclosing.contains(n) && !locals.contains(n))
            .collect();
        let wants_class =
            info.refs.contains("super") && fx.classes.last().is_some_and(|c| c.cell.is_some());
        if wants_class {
            free.push("__class__".into());
        }
        for n in &info.nonlocals {
            if !free.contains(n) {
                self.error(r, format!("no binding for nonlocal '{n}' found"));
            }
        }
        // Cells the def hands to the function, from this scope.
        let mut cells = Vec::new();
        for n in &free {
            if n == "__class__" {
                let c = fx.classes.last().and_then(|c| c.cell).expect("class cell");
                cells.push(self.get(c));
                continue;
            }
            match fx.vars.get(n) {
                Some(Var::Cell(s)) => cells.push(self.get(*s)),
                _ => {
                    self.error(r, format!("closures over '{n}' are not supported here"));
                }
            }
        }
        // The function's own compile state.
        let mut inner = Fx::new(false, 2, format!("{qual}.<locals>."));
        inner.first_param = params.first().cloned();
        inner.enclosing = enclosing;
        for (n, v) in &fx.vars {
            if let Var::Global(o) = v {
                inner.vars.insert(n.clone(), Var::Global(*o));
            }
        }
        for g in &info.globals {
            if let Some(o) = self.global_ids.get(g) {
                inner.vars.insert(g.clone(), Var::Global(*o));
            }
        }
        let saved_line = self.line;
        let mut entry = Vec::new();
        let cellvars: BTreeSet<String> = locals
            .iter()
            .filter(|n| info.inner_free.contains(*n))
            .cloned()
            .collect();
        for (i, p) in params.iter().enumerate() {
            let slot = inner.temp();
            let item = self.node(K::Index {
                array: Box::new(self.get(1)),
                index: Box::new(self.boxed_int(i as i32)),
            });
            if cellvars.contains(p) {
                entry.push(self.set(slot, self.new_obj(".py.pcell", vec![])));
                let s = self.call(self.get(slot), ".py.pcell", "set", vec![item]);
                entry.push(self.discard(s));
                inner.vars.insert(p.clone(), Var::Cell(slot));
            } else {
                entry.push(self.set(slot, item));
                inner.vars.insert(p.clone(), Var::Local(slot));
            }
        }
        for n in &locals {
            if param_set.contains(n) {
                continue;
            }
            let slot = inner.temp();
            if cellvars.contains(n) {
                entry.push(self.set(slot, self.new_obj(".py.pcell", vec![])));
                inner.vars.insert(n.clone(), Var::Cell(slot));
            } else {
                inner.vars.insert(n.clone(), Var::Local(slot));
            }
        }
        for (i, n) in free.iter().enumerate() {
            let slot = inner.temp();
            let c = self.call(
                self.get(0),
                ".py.pfunc",
                "cell",
                vec![self.boxed_int(i as i32)],
            );
            entry.push(self.set(slot, c));
            inner.vars.insert(n.clone(), Var::Cell(slot));
        }
        // A generator function finds its generator after its arguments.
        let is_gen = matches!(body, FuncBody::Stmts(b) if contains_yield(b));
        if is_gen {
            let slot = inner.temp();
            let item = self.node(K::Index {
                array: Box::new(self.get(1)),
                index: Box::new(self.boxed_int(params.len() as i32)),
            });
            entry.push(self.set(slot, item));
            inner.gen = Some(slot);
        }
        let mut code = entry;
        match body {
            FuncBody::Stmts(b) => {
                code.extend(self.block(&mut inner, b));
                code.push(self.stmt_node(K::Return(Some(Box::new(self.none())))));
            }
            FuncBody::Expr(e) => {
                let v = self.expr(&mut inner, e);
                self.flush(&mut inner, &mut code);
                code.push(self.stmt_node(K::Return(Some(Box::new(v)))));
            }
        }
        self.line = saved_line;
        let idx = self.funcs.len() as u32;
        let ordinal = self.rt.infos[PMODULE].n_methods + idx;
        let body = self.seq(code);
        if body.height() > ir::tree::MAX_DEPTH {
            self.error(r, "this function nests too deeply");
        }
        self.funcs.push(ir::Method {
            sig: MethodSig {
                name: format!("py_{idx}_{name}"),
                ordinal,
                is_ctor: false,
                ret: obj(),
                args: func_args(),
            },
            obj_slots: inner.next_obj,
            int_slots: 0,
            body: Some(body),
        });
        // The function object.
        let sig = signature(args);
        let q = self.raw_str(&qual);
        let s = self.raw_str(&sig);
        let mut f = self.new_obj(
            ".py.pfunc",
            vec![self.this(), self.boxed_int(idx as i32), q, s],
        );
        if !defaults.is_empty() {
            let a = self.array(defaults);
            f = self.call(f, ".py.pfunc", "setDefaults", vec![a]);
        }
        for (k, v) in kwdefaults {
            let kn = self.raw_str(&k);
            f = self.call(f, ".py.pfunc", "setKwDefault", vec![kn, v]);
        }
        if !cells.is_empty() {
            let a = self.array(cells);
            f = self.call(f, ".py.pfunc", "setCells", vec![a]);
        }
        if is_gen {
            f = self.call(f, ".py.pfunc", "setGen", vec![]);
        }
        f
    }

    // ---- expressions

    /// Compiles sibling expressions in order. When a later one needs
    /// statements first (and/or, comprehensions), the earlier values are
    /// saved in temporaries before those statements run.
    fn exprs(&mut self, fx: &mut Fx, es: &[&Expr]) -> Vec<Node> {
        let mut out: Vec<Node> = Vec::new();
        for e in es {
            let mark = fx.pre.len();
            let v = self.expr(fx, e);
            if fx.pre.len() > mark {
                let later = fx.pre.split_off(mark);
                for o in out.iter_mut() {
                    if !is_simple(o) {
                        let t = fx.temp();
                        let val = std::mem::replace(o, self.get(t));
                        fx.pre.push(self.set(t, val));
                    }
                }
                fx.pre.extend(later);
            }
            out.push(v);
        }
        out
    }

    /// A condition: an int on the integer stack.
    fn cond(&mut self, fx: &mut Fx, e: &Expr) -> Node {
        match e {
            Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOp::Not) => {
                let c = self.cond(fx, &u.operand);
                self.not(c)
            }
            Expr::Compare(c) if c.ops.len() == 1 => {
                let parts = self.exprs(fx, &[&c.left, &c.comparators[0]]);
                let [a, b]: [Node; 2] = parts.try_into().expect("two parts");
                let a = self.spill_for_in(fx, &c.ops[0], a);
                self.compare(&c.ops[0], a, b)
            }
            _ => {
                let v = self.expr(fx, e);
                self.truth(v)
            }
        }
    }

    /// `a in b` calls b.contains(a), whose receiver the VM evaluates
    /// first: a goes to a temporary so that it is still evaluated first.
    fn spill_for_in(&mut self, fx: &mut Fx, op: &ast::CmpOp, a: Node) -> Node {
        if !matches!(op, ast::CmpOp::In | ast::CmpOp::NotIn) || is_simple(&a) {
            return a;
        }
        let t = fx.temp();
        fx.pre.push(self.set(t, a));
        self.get(t)
    }

    /// a OP b as an int.
    fn compare(&mut self, op: &ast::CmpOp, a: Node, b: Node) -> Node {
        use ast::CmpOp as C;
        let (m, neg, swap) = match op {
            C::Eq => ("eq", false, false),
            C::NotEq => ("eq", true, false),
            C::Lt => ("lt", false, false),
            C::LtE => ("le", false, false),
            C::Gt => ("gt", false, false),
            C::GtE => ("ge", false, false),
            C::In => ("contains", false, true),
            C::NotIn => ("contains", true, true),
            C::Is => ("is_", false, false),
            C::IsNot => ("is_", true, false),
        };
        let c = if m == "is_" {
            self.this_call("is_", vec![a, b])
        } else if swap {
            self.call(b, PCLASS, m, vec![a])
        } else {
            self.call(a, PCLASS, m, vec![b])
        };
        let c = self.unbox(c);
        if neg {
            self.not(c)
        } else {
            c
        }
    }

    fn expr(&mut self, fx: &mut Fx, e: &Expr) -> Node {
        let saved = self.line;
        self.set_line(e.range());
        let n = self.expr_inner(fx, e);
        self.line = saved;
        n
    }

    fn expr_inner(&mut self, fx: &mut Fx, e: &Expr) -> Node {
        match e {
            Expr::Constant(c) => self.constant(&c.value, c.range),
            Expr::Name(n) => self.load_name(fx, n.id.as_str(), n.range),
            Expr::BinOp(b) => {
                let parts = self.exprs(fx, &[&b.left, &b.right]);
                let [l, r]: [Node; 2] = parts.try_into().expect("two parts");
                match binop_method(&b.op) {
                    Some(m) => self.call(l, PCLASS, m, vec![r]),
                    None => {
                        self.error(b.range, "this operator is not supported yet");
                        self.none()
                    }
                }
            }
            Expr::UnaryOp(u) => {
                let v = self.expr(fx, &u.operand);
                match u.op {
                    ast::UnaryOp::Not => {
                        let t = self.not(self.truth(v));
                        self.bool_of(Node::new(
                            K::Box(NumKind::Int, Box::new(t)),
                            obj(),
                            self.line,
                        ))
                    }
                    ast::UnaryOp::USub => self.call(v, PCLASS, "neg", vec![]),
                    ast::UnaryOp::UAdd => self.call(v, PCLASS, "pos", vec![]),
                    ast::UnaryOp::Invert => self.call(v, PCLASS, "invert", vec![]),
                }
            }
            Expr::Compare(c) => self.compare_value(fx, c),
            Expr::BoolOp(b) => {
                let t = fx.temp();
                let first = self.expr(fx, &b.values[0]);
                fx.pre.push(self.set(t, first));
                self.bool_rest(fx, t, matches!(b.op, ast::BoolOp::And), &b.values[1..]);
                self.get(t)
            }
            Expr::IfExp(i) => {
                let t = fx.temp();
                let c = self.cond(fx, &i.test);
                let outer = std::mem::take(&mut fx.pre);
                let a = self.expr(fx, &i.body);
                let mut then = std::mem::take(&mut fx.pre);
                then.push(self.set(t, a));
                let b = self.expr(fx, &i.orelse);
                let mut els = std::mem::take(&mut fx.pre);
                els.push(self.set(t, b));
                fx.pre = outer;
                fx.pre.push(self.if_(c, then, Some(els)));
                self.get(t)
            }
            Expr::Call(c) => self.call_expr(fx, c),
            Expr::Attribute(a) => {
                if let Expr::Name(n) = &*a.value {
                    if let Some(m) = self.module_of(fx, n.id.as_str()) {
                        return self.module_attr(&m, a.attr.as_str(), a.range);
                    }
                }
                let o = self.expr(fx, &a.value);
                let n = self.raw_str(a.attr.as_str());
                self.call(o, PCLASS, "getattr", vec![n])
            }
            Expr::Subscript(s) => {
                let parts = self.exprs(fx, &[&s.value, &s.slice]);
                let [o, k]: [Node; 2] = parts.try_into().expect("two parts");
                self.call(o, PCLASS, "getitem", vec![k])
            }
            Expr::Slice(s) => {
                let parts: Vec<Node> = [&s.lower, &s.upper, &s.step]
                    .iter()
                    .map(|p| match p {
                        Some(x) => self.expr(fx, x),
                        None => self.none(),
                    })
                    .collect();
                self.this_call("slice", parts)
            }
            Expr::List(l) => {
                let items: Vec<&Expr> = l.elts.iter().collect();
                self.sequence(fx, ".py.plist", &items, l.range)
            }
            Expr::Tuple(t) => {
                let items: Vec<&Expr> = t.elts.iter().collect();
                self.sequence(fx, ".py.ptuple", &items, t.range)
            }
            Expr::Dict(d) => {
                let mut v = self.new_obj(".py.pdict", vec![]);
                let mut flat: Vec<&Expr> = Vec::new();
                for (k, val) in d.keys.iter().zip(&d.values) {
                    match k {
                        Some(k) => {
                            flat.push(k);
                            flat.push(val);
                        }
                        None => {
                            self.error(val.range(), "'**' in dict displays is not supported yet");
                            return self.none();
                        }
                    }
                }
                let parts = self.exprs(fx, &flat);
                let mut it = parts.into_iter();
                while let (Some(k), Some(x)) = (it.next(), it.next()) {
                    v = self.call(v, ".py.pdict", "set", vec![k, x]);
                }
                v
            }
            Expr::JoinedStr(j) => {
                let mut parts: Vec<&Expr> = j.values.iter().collect();
                if parts.is_empty() {
                    return self.py_str("");
                }
                let first = parts.remove(0);
                let mut all = vec![first];
                all.extend(parts);
                let vals = self.exprs(fx, &all);
                let mut it = vals.into_iter();
                let mut acc = it.next().expect("one part");
                for v in it {
                    acc = self.call(acc, PCLASS, "add", vec![v]);
                }
                acc
            }
            Expr::FormattedValue(f) => {
                let v = self.expr(fx, &f.value);
                let conv = f.conversion as i8 as i32;
                let spec = match &f.format_spec {
                    Some(s) => self.expr(fx, s),
                    None => self.py_str(""),
                };
                self.this_call("fmtValue", vec![v, self.boxed_int(conv), spec])
            }
            Expr::ListComp(c) => {
                self.collect(fx, (".py.plist", ".py.pseq", "push"), &c.generators, &c.elt)
            }
            Expr::DictComp(c) => {
                let t = fx.temp();
                fx.pre.push(self.set(t, self.new_obj(".py.pdict", vec![])));
                self.comprehension(fx, &c.generators, 0, &mut |m, fx| {
                    let parts = m.exprs(fx, &[&c.key, &c.value]);
                    let [k, v]: [Node; 2] = parts.try_into().expect("two parts");
                    let a = m.call(m.get(t), ".py.pdict", "set", vec![k, v]);
                    let mut out = std::mem::take(&mut fx.pre);
                    out.push(m.discard(a));
                    out
                });
                self.get(t)
            }
            Expr::Set(st) => {
                let items: Vec<&Expr> = st.elts.iter().collect();
                if items.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.error(st.range, "'*' in set displays is not supported yet");
                    return self.none();
                }
                let vals = self.exprs(fx, &items);
                let mut v = self.new_obj(".py.pset", vec![]);
                for x in vals {
                    v = self.call(v, ".py.pset", "with", vec![x]);
                }
                let constant = items.len() > 2 && items.iter().all(|e| is_constant(e));
                if constant {
                    v = self.call(v, ".py.pset", "viaConstant", vec![]);
                }
                v
            }
            Expr::SetComp(c) => {
                self.collect(fx, (".py.pset", ".py.pset", "with"), &c.generators, &c.elt)
            }
            Expr::GeneratorExp(g) => self.generator_expr(fx, g),
            Expr::Yield(y) => {
                let Some(gen) = fx.gen else {
                    self.error(y.range, "'yield' outside function");
                    return self.none();
                };
                let v = match &y.value {
                    Some(v) => self.expr(fx, v),
                    None => self.none(),
                };
                self.call(self.get(gen), ".py.pgen", "yield_", vec![v])
            }
            Expr::YieldFrom(y) => {
                let Some(gen) = fx.gen else {
                    self.error(y.range, "'yield' outside function");
                    return self.none();
                };
                // for v in x: yield v
                let src = self.expr(fx, &y.value);
                let it = self.call(src, PCLASS, "iter", vec![]);
                let its = fx.temp();
                let x = fx.temp();
                fx.pre.push(self.set(its, it));
                let next = self.call(self.get(its), PCLASS, "next", vec![]);
                let give = self.call(self.get(gen), ".py.pgen", "yield_", vec![self.get(x)]);
                let body = vec![
                    self.set(x, next),
                    self.if_(
                        self.is_null(self.get(x)),
                        vec![self.stmt_node(K::Break)],
                        None,
                    ),
                    self.discard(give),
                ];
                fx.pre.push(self.stmt_node(K::While {
                    cond: Box::new(self.int_node(1)),
                    body: Box::new(self.seq(body)),
                }));
                self.none()
            }
            Expr::Lambda(l) => {
                let body = FuncBody::Expr(&l.body);
                self.function(fx, "<lambda>", &l.args, body, l.range)
            }
            Expr::Starred(s) => {
                self.error(s.range, "'*' is not supported here");
                self.none()
            }
            Expr::NamedExpr(n) => {
                let v = self.expr(fx, &n.value);
                let t = fx.temp();
                fx.pre.push(self.set(t, v));
                let mut out = Vec::new();
                let g = self.get(t);
                self.assign(fx, &n.target, g, &mut out);
                fx.pre.extend(out);
                self.get(t)
            }
            other => {
                self.error(other.range(), "this expression is not supported yet");
                self.none()
            }
        }
    }

    /// `(elt for x in it if c ...)`: a generator function of its own, as in
    /// CPython, called with the first iterable's iterator.
    fn generator_expr(&mut self, fx: &mut Fx, g: &ast::ExprGeneratorExp) -> Node {
        if g.generators.iter().any(|c| c.is_async) {
            self.error(g.range, "async comprehensions are not supported");
            return self.none();
        }
        let r = g.range;
        let it_name = ast::Identifier::new(".0");
        let mut body = vec![Stmt::Expr(ast::StmtExpr {
            range: r,
            value: Box::new(Expr::Yield(ast::ExprYield {
                range: r,
                value: Some(g.elt.clone()),
            })),
        })];
        for (i, c) in g.generators.iter().enumerate().rev() {
            for cond in c.ifs.iter().rev() {
                body = vec![Stmt::If(ast::StmtIf {
                    range: r,
                    test: Box::new(cond.clone()),
                    body,
                    orelse: Vec::new(),
                })];
            }
            let iter = if i == 0 {
                Expr::Name(ast::ExprName {
                    range: r,
                    id: it_name.clone(),
                    ctx: ast::ExprContext::Load,
                })
            } else {
                c.iter.clone()
            };
            body = vec![Stmt::For(ast::StmtFor {
                range: r,
                target: Box::new(c.target.clone()),
                iter: Box::new(iter),
                body,
                orelse: Vec::new(),
                type_comment: None,
            })];
        }
        let args = ast::Arguments {
            range: Default::default(),
            posonlyargs: Vec::new(),
            args: vec![ast::ArgWithDefault {
                range: Default::default(),
                def: ast::Arg {
                    range: r,
                    arg: it_name,
                    annotation: None,
                    type_comment: None,
                },
                default: None,
            }],
            vararg: None,
            kwonlyargs: Vec::new(),
            kwarg: None,
        };
        let first = self.expr(fx, &g.generators[0].iter);
        let first = self.call(first, PCLASS, "iter", vec![]);
        let t = fx.temp();
        fx.pre.push(self.set(t, first));
        let f = self.function(fx, "<genexpr>", &args, FuncBody::Stmts(&body), r);
        let a = self.array(vec![self.get(t)]);
        self.call(f, PCLASS, "call", vec![a, self.node(K::Null)])
    }

    /// A list or set comprehension: a new `class` object, and each item
    /// added with `method` (declared in `owner`).
    fn collect(
        &mut self,
        fx: &mut Fx,
        (class, owner, method): (&str, &str, &str),
        gens: &[ast::Comprehension],
        elt: &Expr,
    ) -> Node {
        let t = fx.temp();
        fx.pre.push(self.set(t, self.new_obj(class, vec![])));
        self.comprehension(fx, gens, 0, &mut |m, fx| {
            let v = m.expr(fx, elt);
            let a = m.call(m.get(t), owner, method, vec![v]);
            let mut out = std::mem::take(&mut fx.pre);
            out.push(m.discard(a));
            out
        });
        self.get(t)
    }

    fn bool_rest(&mut self, fx: &mut Fx, t: u32, and: bool, rest: &[Expr]) {
        let Some((first, tail)) = rest.split_first() else {
            return;
        };
        let outer = std::mem::take(&mut fx.pre);
        let v = self.expr(fx, first);
        fx.pre.push(self.set(t, v));
        self.bool_rest(fx, t, and, tail);
        let inner = std::mem::take(&mut fx.pre);
        fx.pre = outer;
        let c = self.truth(self.get(t));
        let c = if and { c } else { self.not(c) };
        fx.pre.push(self.if_(c, inner, None));
    }

    fn compare_value(&mut self, fx: &mut Fx, c: &ast::ExprCompare) -> Node {
        if c.ops.len() == 1 {
            let parts = self.exprs(fx, &[&c.left, &c.comparators[0]]);
            let [a, b]: [Node; 2] = parts.try_into().expect("two parts");
            let a = self.spill_for_in(fx, &c.ops[0], a);
            let r = self.compare(&c.ops[0], a, b);
            return self.bool_of(Node::new(
                K::Box(NumKind::Int, Box::new(r)),
                obj(),
                self.line,
            ));
        }
        // a < b < c: each middle operand once, stopping at the first false.
        let res = fx.temp();
        let prev = fx.temp();
        let left = self.expr(fx, &c.left);
        fx.pre.push(self.set(prev, left));
        self.chain(fx, res, prev, &c.ops, &c.comparators);
        self.get(res)
    }

    fn chain(&mut self, fx: &mut Fx, res: u32, prev: u32, ops: &[ast::CmpOp], rest: &[Expr]) {
        let next = fx.temp();
        let v = self.expr(fx, &rest[0]);
        fx.pre.push(self.set(next, v));
        let r = self.compare(&ops[0], self.get(prev), self.get(next));
        let b = self.bool_of(Node::new(
            K::Box(NumKind::Int, Box::new(r)),
            obj(),
            self.line,
        ));
        fx.pre.push(self.set(res, b));
        if ops.len() > 1 {
            let outer = std::mem::take(&mut fx.pre);
            self.chain(fx, res, next, &ops[1..], &rest[1..]);
            let inner = std::mem::take(&mut fx.pre);
            fx.pre = outer;
            let c = self.truth(self.get(res));
            fx.pre.push(self.if_(c, inner, None));
        }
    }

    /// The loops of a comprehension, into fx.pre; `leaf` makes the
    /// innermost statements.
    fn comprehension(
        &mut self,
        fx: &mut Fx,
        gens: &[ast::Comprehension],
        i: usize,
        leaf: &mut dyn FnMut(&mut Self, &mut Fx) -> Vec<Node>,
    ) {
        let Some(g) = gens.get(i) else {
            let stmts = leaf(self, fx);
            fx.pre.extend(stmts);
            return;
        };
        if g.is_async {
            self.error(g.target.range(), "async comprehensions are not supported");
            return;
        }
        let src = self.expr(fx, &g.iter);
        let it = self.call(src, PCLASS, "iter", vec![]);
        let its = fx.temp();
        fx.pre.push(self.set(its, it));
        let x = fx.temp();
        // The comprehension's variables are its own.
        let mut names = BTreeSet::new();
        target_names(&g.target, &mut names);
        let mut bind = HashMap::new();
        for n in names {
            bind.insert(n, fx.temp());
        }
        fx.comp.push(bind);
        let outer = std::mem::take(&mut fx.pre);
        let next = self.call(self.get(its), PCLASS, "next", vec![]);
        let mut body = vec![self.set(x, next)];
        body.push(self.if_(
            self.is_null(self.get(x)),
            vec![self.stmt_node(K::Break)],
            None,
        ));
        let xv = self.get(x);
        self.assign(fx, &g.target, xv, &mut body);
        let mut conds = Vec::new();
        for c in &g.ifs {
            let cv = self.cond(fx, c);
            let pre = std::mem::take(&mut fx.pre);
            conds.push((pre, cv));
        }
        self.comprehension(fx, gens, i + 1, leaf);
        let mut inner = std::mem::take(&mut fx.pre);
        for (pre, cv) in conds.into_iter().rev() {
            let mut s = pre;
            s.push(self.if_(cv, inner, None));
            inner = s;
        }
        body.extend(inner);
        fx.comp.pop();
        fx.pre = outer;
        fx.pre.push(self.stmt_node(K::While {
            cond: Box::new(self.int_node(1)),
            body: Box::new(self.seq(body)),
        }));
    }

    fn sequence(
        &mut self,
        fx: &mut Fx,
        class: &str,
        items: &[&Expr],
        _r: ast::text_size::TextRange,
    ) -> Node {
        let mut plain = Vec::new();
        let mut starred = Vec::new();
        for (i, e) in items.iter().enumerate() {
            match e {
                Expr::Starred(s) => {
                    if class == ".py.ptuple" {
                        self.error(s.range, "'*' in tuple displays is not supported yet");
                    }
                    plain.push(&*s.value);
                    starred.push(i);
                }
                other => plain.push(*other),
            }
        }
        let vals = self.exprs(fx, &plain);
        if starred.is_empty() {
            let mut v = self.new_obj(class, vec![]);
            for x in vals {
                v = self.call(v, ".py.pseq", "push", vec![x]);
            }
            return v;
        }
        // [a, *b]: built in a temporary, extended item by item.
        let t = fx.temp();
        fx.pre.push(self.set(t, self.new_obj(class, vec![])));
        for (i, x) in vals.into_iter().enumerate() {
            let c = if starred.contains(&i) {
                let a = self.array(vec![x]);
                let n = self.raw_str("extend");
                self.call(
                    self.get(t),
                    PCLASS,
                    "callMethod",
                    vec![n, a, self.node(K::Null)],
                )
            } else {
                self.call(self.get(t), ".py.pseq", "push", vec![x])
            };
            fx.pre.push(self.discard(c));
        }
        self.get(t)
    }

    fn constant(&mut self, c: &Constant, r: ast::text_size::TextRange) -> Node {
        match c {
            Constant::None => self.cached("None".into(), |m| m.none()),
            Constant::Bool(b) => {
                let b = *b;
                self.cached(format!("b:{b}"), |m| m.bool_of(m.boxed_int(i32::from(b))))
            }
            Constant::Str(s) => {
                if !s.is_ascii() {
                    self.error(r, "non-ASCII text is not supported yet");
                }
                self.py_str(s)
            }
            Constant::Int(i) => {
                let text = i.to_string();
                self.cached(format!("i:{text}"), |m| match text.parse::<i32>() {
                    Ok(small) => m.new_obj(".py.pint", vec![m.boxed_int(small)]),
                    // Larger literals are parsed when the module starts (any size).
                    Err(_) => {
                        let s = m.raw_str(&text);
                        m.this_call("intS", vec![s])
                    }
                })
            }
            Constant::Float(_) => {
                self.error(r, "float is not supported yet");
                self.none()
            }
            _ => {
                self.error(r, "this kind of constant is not supported yet");
                self.none()
            }
        }
    }

    fn module_of(&self, fx: &Fx, name: &str) -> Option<String> {
        if fx.vars.contains_key(name) && !matches!(fx.vars.get(name), Some(Var::Global(_))) {
            return None;
        }
        self.modules.get(name).cloned()
    }

    fn module_attr(&mut self, m: &str, attr: &str, r: ast::text_size::TextRange) -> Node {
        match (m, attr) {
            ("sys", "argv") => self.this_call("argv", vec![]),
            _ => {
                self.error_code(
                    "E0903",
                    r,
                    format!("'{m}.{attr}' is not supported yet"),
                    "not available",
                );
                self.none()
            }
        }
    }

    fn load_name(&mut self, fx: &mut Fx, name: &str, r: ast::text_size::TextRange) -> Node {
        if let Some(m) = fx.comp.iter().rev().find_map(|m| m.get(name)) {
            return self.get(*m);
        }
        let fallback = self.load_plain(fx, name, r);
        if let Some(c) = fx.classes.last() {
            if c.assigned.contains(name) {
                let d = self.get(c.dict);
                let k = self.raw_str(name);
                let fb = fallback.unwrap_or_else(|| self.node(K::Null));
                return self.call(d, ".py.pdict", "getOr", vec![k, fb]);
            }
        }
        match fallback {
            Some(n) => n,
            None => {
                self.error_code(
                    "E0902",
                    r,
                    format!("name '{name}' is not defined"),
                    "not defined",
                );
                self.none()
            }
        }
    }

    fn load_plain(
        &mut self,
        fx: &mut Fx,
        name: &str,
        r: ast::text_size::TextRange,
    ) -> Option<Node> {
        match fx.vars.get(name).cloned() {
            Some(Var::Local(s)) => return Some(self.get(s)),
            Some(Var::Cell(s)) => return Some(self.call(self.get(s), ".py.pcell", "get", vec![])),
            Some(Var::Global(o)) => {
                return Some(self.node(K::GetField {
                    name: name.to_string(),
                    ordinal: o,
                }))
            }
            None => {}
        }
        if name == "__name__" {
            return Some(self.py_str("__main__"));
        }
        if name == "NotImplemented" {
            return Some(self.this_call("notImpl", vec![]));
        }
        if BUILTIN_TYPES.contains(&name) {
            let s = self.raw_str(name);
            return Some(self.new_obj(".py.ptype", vec![s]));
        }
        if BUILTIN_FUNCS.contains(&name) {
            let s = self.raw_str(name);
            return Some(self.new_obj(".py.pbfunc", vec![s, self.node(K::Null)]));
        }
        if UNSUPPORTED_BUILTINS.contains(&name) || name == "print" || name == "super" {
            self.error_code(
                "E0903",
                r,
                format!("the built-in '{name}' is not supported here yet"),
                "not available",
            );
            return Some(self.none());
        }
        None
    }

    fn is_builtin_name(&self, fx: &Fx, name: &str) -> bool {
        !fx.vars.contains_key(name)
            && !fx.comp.iter().any(|m| m.contains_key(name))
            && !fx.classes.last().is_some_and(|c| c.assigned.contains(name))
    }

    fn call_expr(&mut self, fx: &mut Fx, c: &ast::ExprCall) -> Node {
        // Arguments: positional (with *xs) and keywords (with **m).
        if let Expr::Name(n) = &*c.func {
            let name = n.id.as_str();
            if self.is_builtin_name(fx, name) {
                if name == "super" {
                    return self.super_call(fx, c);
                }
                if UNSUPPORTED_BUILTINS.contains(&name) {
                    self.error_code(
                        "E0903",
                        n.range,
                        format!("the built-in '{name}' is not supported yet"),
                        "not available",
                    );
                    return self.none();
                }
                if (name == "any" || name == "all") && c.keywords.is_empty() && c.args.len() == 1 {
                    if let Expr::GeneratorExp(g) = &c.args[0] {
                        return self.any_all(fx, name == "all", g);
                    }
                }
                if name == "print" || BUILTIN_FUNCS.contains(&name) || BUILTIN_TYPES.contains(&name)
                {
                    let gen_ok = [
                        "sum", "min", "max", "sorted", "list", "tuple", "dict", "set",
                    ]
                    .contains(&name);
                    let (args, kw) = self.call_args(fx, c, gen_ok);
                    if name == "print" {
                        if let Some(k) = c.keywords.iter().find(|k| {
                            !matches!(
                                k.arg.as_ref().map(|a| a.as_str()),
                                Some("sep" | "end" | "flush")
                            )
                        }) {
                            self.error_code(
                                "E0903",
                                k.range,
                                "print() supports only sep=, end= and flush= yet",
                                "not available",
                            );
                        }
                        return self.this_call("print", vec![args, kw]);
                    }
                    if BUILTIN_TYPES.contains(&name)
                        && name.chars().next().is_some_and(|ch| ch.is_uppercase())
                    {
                        let s = self.raw_str(name);
                        let t = self.new_obj(".py.ptype", vec![s]);
                        return self.call(t, PCLASS, "call", vec![args, kw]);
                    }
                    let s = self.raw_str(name);
                    return self.this_call("builtin", vec![s, args, kw]);
                }
            }
        }
        if let Expr::Attribute(a) = &*c.func {
            // sys.stdout.write(s): print(s, end="") that returns the length.
            if let Expr::Attribute(inner) = &*a.value {
                if let Expr::Name(n) = &*inner.value {
                    if self.module_of(fx, n.id.as_str()).as_deref() == Some("sys")
                        && inner.attr.as_str() == "stdout"
                        && a.attr.as_str() == "write"
                    {
                        let (args, kw) = self.call_args(fx, c, false);
                        return self.this_call("stdoutWrite", vec![args, kw]);
                    }
                }
            }
            if let Expr::Name(n) = &*a.value {
                if let Some(m) = self.module_of(fx, n.id.as_str()) {
                    if m == "sys" && a.attr.as_str() == "exit" {
                        let (args, kw) = self.call_args(fx, c, false);
                        let sn = self.raw_str("SystemExit");
                        let t = self.new_obj(".py.ptype", vec![sn]);
                        let e = self.call(t, PCLASS, "call", vec![args, kw]);
                        let t = fx.temp();
                        fx.pre.push(self.set(t, e));
                        fx.pre.push(self.throw(self.get(t)));
                        return self.get(t);
                    }
                    if m == "time" && a.attr.as_str() == "sleep" {
                        return self.sleep(fx, c);
                    }
                    let attr = a.attr.as_str();
                    if m == "math" && MATH_FUNCS.contains(&attr) {
                        let (args, kw) = self.call_args(fx, c, false);
                        let s = self.raw_str(&format!("math.{attr}"));
                        return self.this_call("builtin", vec![s, args, kw]);
                    }
                    return self.module_attr(&m, a.attr.as_str(), a.range);
                }
            }
            // obj.name(args): one call, no bound method in between.
            let o = self.expr(fx, &a.value);
            let t = fx.temp();
            fx.pre.push(self.set(t, o));
            let gen_ok = a.attr.as_str() == "join";
            let (args, kw) = self.call_args(fx, c, gen_ok);
            let n = self.raw_str(a.attr.as_str());
            return self.call(self.get(t), PCLASS, "callMethod", vec![n, args, kw]);
        }
        let f = self.expr(fx, &c.func);
        let t = fx.temp();
        fx.pre.push(self.set(t, f));
        let (args, kw) = self.call_args(fx, c, false);
        self.call(self.get(t), PCLASS, "call", vec![args, kw])
    }

    /// `time.sleep(secs)`: an int, or a float literal (floats are not
    /// values yet; a literal is converted to milliseconds here).
    fn sleep(&mut self, fx: &mut Fx, c: &ast::ExprCall) -> Node {
        if c.args.len() != 1 || !c.keywords.is_empty() {
            self.error(c.range, "time.sleep takes one argument");
            return self.none();
        }
        let ms = match &c.args[0] {
            Expr::Constant(k) => match &k.value {
                Constant::Float(f) if *f >= 0.0 && *f * 1000.0 <= f64::from(i32::MAX) => {
                    Some(self.new_obj(
                        ".py.pint",
                        vec![self.boxed_int((f * 1000.0).round() as i32)],
                    ))
                }
                _ => None,
            },
            _ => None,
        };
        let ms = match ms {
            Some(n) => n,
            None => {
                let secs = self.expr(fx, &c.args[0]);
                let thousand = self.new_obj(".py.pint", vec![self.boxed_int(1000)]);
                self.call(secs, PCLASS, "mul", vec![thousand])
            }
        };
        self.this_call("sleepMs", vec![ms])
    }

    /// `any(g)` / `all(g)` over a generator expression with one `for`: a
    /// loop that stops at the first decisive item, as CPython's does.
    fn any_all(&mut self, fx: &mut Fx, all: bool, g: &ast::ExprGeneratorExp) -> Node {
        if g.generators.len() != 1 {
            self.error(
                g.range,
                "any()/all() over a generator with several 'for's is not supported yet",
            );
            return self.none();
        }
        let t = fx.temp();
        let init = self.bool_of(self.boxed_int(i32::from(all)));
        fx.pre.push(self.set(t, init));
        self.comprehension(fx, &g.generators, 0, &mut |m, fx| {
            let v = m.expr(fx, &g.elt);
            let c = m.truth(v);
            let c = if all { m.not(c) } else { c };
            let mut out = std::mem::take(&mut fx.pre);
            let done = m.bool_of(m.boxed_int(i32::from(!all)));
            out.push(m.if_(c, vec![m.set(t, done), m.stmt_node(K::Break)], None));
            out
        });
        self.get(t)
    }

    fn super_call(&mut self, fx: &mut Fx, c: &ast::ExprCall) -> Node {
        if !c.args.is_empty() || !c.keywords.is_empty() {
            self.error(c.range, "super() with arguments is not supported yet");
            return self.none();
        }
        let cls = match fx.vars.get("__class__") {
            Some(Var::Cell(s)) => self.call(self.get(*s), ".py.pcell", "get", vec![]),
            _ => {
                self.error(c.range, "super() outside a method");
                return self.none();
            }
        };
        let Some(first) = fx.first_param.clone() else {
            self.error(c.range, "super() in a method without arguments");
            return self.none();
        };
        let self_v = self.load_name(fx, &first, c.range);
        self.this_call("mkSuper", vec![cls, self_v])
    }

    /// The argument array and keyword dict (or null) of a call.
    fn call_args(&mut self, fx: &mut Fx, c: &ast::ExprCall, gen_ok: bool) -> (Node, Node) {
        let mut es: Vec<&Expr> = Vec::new();
        let mut star = Vec::new();
        for a in &c.args {
            match a {
                Expr::Starred(s) => {
                    star.push(es.len());
                    es.push(&s.value);
                }
                Expr::GeneratorExp(g) if gen_ok && c.args.len() == 1 => {
                    // Consumed whole by the callee: a list gives the same result.
                    let lc = Expr::ListComp(ast::ExprListComp {
                        range: g.range,
                        elt: g.elt.clone(),
                        generators: g.generators.clone(),
                    });
                    let v = self.expr(fx, &lc);
                    let t = fx.temp();
                    fx.pre.push(self.set(t, v));
                    let arr = self.array(vec![self.get(t)]);
                    let kw = self.keywords(fx, c);
                    return (arr, kw);
                }
                other => es.push(other),
            }
        }
        let mut kw_exprs: Vec<&Expr> = Vec::new();
        for k in &c.keywords {
            kw_exprs.push(&k.value);
        }
        let mut all = es.clone();
        all.extend(kw_exprs);
        let mut vals = self.exprs(fx, &all);
        let kw_vals = vals.split_off(es.len());
        let arr = if star.is_empty() {
            self.array(vals)
        } else {
            let mut arr = self.this_call("arr0", vec![]);
            for (i, v) in vals.into_iter().enumerate() {
                arr = if star.contains(&i) {
                    self.this_call("arrExtend", vec![arr, v])
                } else {
                    self.this_call("arrPush", vec![arr, v])
                };
            }
            arr
        };
        let kw = self.kw_dict(c, kw_vals);
        (arr, kw)
    }

    fn keywords(&mut self, fx: &mut Fx, c: &ast::ExprCall) -> Node {
        let vals: Vec<&Expr> = c.keywords.iter().map(|k| &k.value).collect();
        let vals = self.exprs(fx, &vals);
        self.kw_dict(c, vals)
    }

    /// The keyword dict of a call from its compiled values (null if none):
    /// `name=v` entries and `**m` merges, in order.
    fn kw_dict(&mut self, c: &ast::ExprCall, vals: Vec<Node>) -> Node {
        if c.keywords.is_empty() {
            return self.node(K::Null);
        }
        let mut d = self.new_obj(".py.pdict", vec![]);
        for (k, v) in c.keywords.iter().zip(vals) {
            d = match &k.arg {
                Some(name) => {
                    let n = self.raw_str(name.as_str());
                    self.this_call("kwPut", vec![d, n, v])
                }
                None => self.this_call("kwUpdate", vec![d, v]),
            };
        }
        d
    }
}

enum FuncBody<'b> {
    Stmts(&'b [Stmt]),
    Expr(&'b Expr),
}

/// "a,b|args|k|kw": the parameter layout pfunc binds arguments to.
fn signature(args: &ast::Arguments) -> String {
    let pos: Vec<String> = args
        .posonlyargs
        .iter()
        .chain(&args.args)
        .map(|a| a.def.arg.to_string())
        .collect();
    let kwonly: Vec<String> = args
        .kwonlyargs
        .iter()
        .map(|a| a.def.arg.to_string())
        .collect();
    format!(
        "{}|{}|{}|{}",
        pos.join(","),
        args.vararg
            .as_ref()
            .map(|a| a.arg.to_string())
            .unwrap_or_default(),
        kwonly.join(","),
        args.kwarg
            .as_ref()
            .map(|a| a.arg.to_string())
            .unwrap_or_default()
    )
}

/// The arguments of a function's method: its function object and the
/// argument array bound to its parameters.
fn func_args() -> Vec<Arg> {
    vec![
        Arg {
            name: "f".into(),
            ty: Type::Class(".py.pfunc".into()),
        },
        Arg {
            name: "args".into(),
            ty: Type::Unknown,
        },
    ]
}

fn binop_method(op: &ast::Operator) -> Option<&'static str> {
    use ast::Operator as O;
    Some(match op {
        O::Add => "add",
        O::Sub => "sub",
        O::Mult => "mul",
        O::Div => "truediv",
        O::FloorDiv => "floordiv",
        O::Mod => "mod",
        O::Pow => "pow",
        O::LShift => "lshift",
        O::RShift => "rshift",
        O::BitAnd => "band",
        O::BitOr => "bor",
        O::BitXor => "bxor",
        O::MatMult => return None,
    })
}

/// A constant CPython folds into a frozenset constant for set displays.
fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::Constant(_) => true,
        Expr::UnaryOp(u) => {
            matches!(u.op, ast::UnaryOp::USub) && matches!(&*u.operand, Expr::Constant(_))
        }
        Expr::Tuple(t) => t.elts.iter().all(is_constant),
        _ => false,
    }
}

fn is_simple(n: &Node) -> bool {
    matches!(
        n.kind,
        K::GetLocal(_) | K::StrConst { .. } | K::IntConst(_) | K::This | K::Null
    )
}

fn target_names(t: &Expr, out: &mut BTreeSet<String>) {
    match t {
        Expr::Name(n) => {
            out.insert(n.id.to_string());
        }
        Expr::Tuple(x) => x.elts.iter().for_each(|e| target_names(e, out)),
        Expr::List(x) => x.elts.iter().for_each(|e| target_names(e, out)),
        Expr::Starred(s) => target_names(&s.value, out),
        _ => {}
    }
}

fn collect_globals(body: &[Stmt], out: &mut BTreeSet<String>) {
    for s in body {
        match s {
            Stmt::Global(g) => out.extend(g.names.iter().map(|n| n.to_string())),
            Stmt::FunctionDef(f) => collect_globals(&f.body, out),
            Stmt::ClassDef(c) => collect_globals(&c.body, out),
            Stmt::If(i) => {
                collect_globals(&i.body, out);
                collect_globals(&i.orelse, out);
            }
            Stmt::While(w) => {
                collect_globals(&w.body, out);
                collect_globals(&w.orelse, out);
            }
            Stmt::For(f) => {
                collect_globals(&f.body, out);
                collect_globals(&f.orelse, out);
            }
            Stmt::Try(t) => {
                collect_globals(&t.body, out);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    collect_globals(&h.body, out);
                }
                collect_globals(&t.orelse, out);
                collect_globals(&t.finalbody, out);
            }
            _ => {}
        }
    }
}

fn contains_yield(body: &[Stmt]) -> bool {
    struct Finder(bool);
    fn e(f: &mut Finder, x: &Expr) {
        match x {
            Expr::Yield(_) | Expr::YieldFrom(_) => f.0 = true,
            Expr::Lambda(_) => {}
            other => visit_children(other, &mut |c| e(f, c)),
        }
    }
    fn st(f: &mut Finder, s: &Stmt) {
        match s {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) | Stmt::AsyncFunctionDef(_) => {}
            Stmt::Expr(x) => e(f, &x.value),
            Stmt::Assign(a) => e(f, &a.value),
            Stmt::AugAssign(a) => e(f, &a.value),
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    e(f, v)
                }
            }
            Stmt::If(i) => {
                i.body.iter().for_each(|x| st(f, x));
                i.orelse.iter().for_each(|x| st(f, x));
            }
            Stmt::While(w) => {
                w.body.iter().for_each(|x| st(f, x));
                w.orelse.iter().for_each(|x| st(f, x));
            }
            Stmt::For(w) => {
                w.body.iter().for_each(|x| st(f, x));
                w.orelse.iter().for_each(|x| st(f, x));
            }
            Stmt::With(w) => w.body.iter().for_each(|x| st(f, x)),
            Stmt::Try(t) => {
                t.body.iter().for_each(|x| st(f, x));
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    h.body.iter().for_each(|x| st(f, x));
                }
                t.orelse.iter().for_each(|x| st(f, x));
                t.finalbody.iter().for_each(|x| st(f, x));
            }
            _ => {}
        }
    }
    let mut f = Finder(false);
    body.iter().for_each(|s| st(&mut f, s));
    f.0
}

fn visit_children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    match e {
        Expr::BoolOp(b) => b.values.iter().for_each(&mut *f),
        Expr::BinOp(b) => {
            f(&b.left);
            f(&b.right);
        }
        Expr::UnaryOp(u) => f(&u.operand),
        Expr::IfExp(i) => {
            f(&i.test);
            f(&i.body);
            f(&i.orelse);
        }
        Expr::Call(c) => {
            f(&c.func);
            c.args.iter().for_each(&mut *f);
            c.keywords.iter().for_each(|k| f(&k.value));
        }
        Expr::Compare(c) => {
            f(&c.left);
            c.comparators.iter().for_each(&mut *f);
        }
        Expr::Tuple(t) => t.elts.iter().for_each(&mut *f),
        Expr::List(t) => t.elts.iter().for_each(&mut *f),
        Expr::Attribute(a) => f(&a.value),
        Expr::Subscript(s) => {
            f(&s.value);
            f(&s.slice);
        }
        _ => {}
    }
}
