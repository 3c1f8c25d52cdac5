//! A small builder of linear Phantom code with the shapes every lowered
//! method shares: temporaries, class-initialisation guards, static-state
//! access and exception construction.

use std::collections::HashMap;

use ir::code::{ArithOp, Code, Label, Op, Summon};
use ir::types::NumKind;
use ir::Const;

use crate::layout::Layout;

/// `.internal.class` method `setStatic(slot, value)`.
pub const SET_STATIC: u32 = 10;
/// `.internal.class` method `getStatic(slot)`.
pub const GET_STATIC: u32 = 11;
/// `.internal.class` method `instanceOf(o)`.
pub const INSTANCE_OF: u32 = 14;
/// `.internal.string` methods.
pub const STR_SUBSTRING: u32 = 8;
/// `charAt(index)`.
pub const STR_CHAR_AT: u32 = 9;
/// `concat(s)`.
pub const STR_CONCAT: u32 = 10;
/// `length()`.
pub const STR_LENGTH: u32 = 11;
/// Container `get(index)`.
pub const ARR_GET: u32 = 10;
/// Container `set(value, index)`.
pub const ARR_SET: u32 = 11;
/// Container `size()`.
pub const ARR_SIZE: u32 = 12;
/// `.internal.io.tty` method `putws(s)`.
pub const TTY_PUTWS: u32 = 17;
/// The common protocol.
pub const GET_CLASS: u32 = 2;
/// `equals(o)`.
pub const EQUALS: u32 = 4;
/// `toString()`.
pub const TO_STRING: u32 = 5;

/// A class's string constants, shared by its methods.
#[derive(Default, Debug)]
pub struct Pool {
    ids: HashMap<Vec<u8>, u32>,
    /// The entries by id.
    pub consts: Vec<Const>,
}

impl Pool {
    /// The id of `bytes`, adding it if new.
    pub fn id(&mut self, bytes: &[u8]) -> u32 {
        if let Some(&i) = self.ids.get(bytes) {
            return i;
        }
        let id = self.consts.len() as u32;
        self.ids.insert(bytes.to_vec(), id);
        self.consts.push(Const {
            id,
            bytes: bytes.to_vec(),
        });
        id
    }
}

/// Linear code under construction, with temporaries above the method's
/// own slots.
pub struct Em<'p> {
    /// The code so far.
    pub code: Code,
    /// The class's constant pool.
    pub pool: &'p mut Pool,
    /// First object slot free for temporaries.
    pub obj_base: u32,
    /// First integer cell free for temporaries.
    pub int_base: u32,
    /// Temporaries taken by the current instruction.
    obj_used: u32,
    int_used: u32,
    /// Most temporaries any instruction took.
    pub obj_max: u32,
    /// Most temporary cells any instruction took.
    pub int_max: u32,
}

impl<'p> Em<'p> {
    /// An empty method whose own slots end at `obj_base` and `int_base`;
    /// labels below `first_label` are reserved by the caller.
    pub fn new(pool: &'p mut Pool, obj_base: u32, int_base: u32, first_label: u32) -> Em<'p> {
        Em {
            code: Code {
                ops: Vec::new(),
                labels: first_label,
            },
            pool,
            obj_base,
            int_base,
            obj_used: 0,
            int_used: 0,
            obj_max: 0,
            int_max: 0,
        }
    }

    /// Appends an op.
    pub fn op(&mut self, op: Op) {
        self.code.push(op);
    }

    /// A fresh label.
    pub fn label(&mut self) -> Label {
        self.code.new_label()
    }

    /// Frees the temporaries of the previous instruction.
    pub fn reset_temps(&mut self) {
        self.obj_used = 0;
        self.int_used = 0;
    }

    /// A temporary object slot, live until [`Em::reset_temps`].
    pub fn obj_temp(&mut self) -> u32 {
        let s = self.obj_base + self.obj_used;
        self.obj_used += 1;
        self.obj_max = self.obj_max.max(self.obj_used);
        s
    }

    /// A temporary integer-stack slot for a value of `k`.
    pub fn int_temp(&mut self, k: NumKind) -> u32 {
        let s = self.int_base + self.int_used;
        self.int_used += k.cells();
        self.int_max = self.int_max.max(self.int_used);
        s
    }

    /// Pushes an int constant.
    pub fn iconst(&mut self, v: i32) {
        self.op(Op::IConst(NumKind::Int, v));
    }

    /// Pushes a string constant from the pool.
    pub fn sconst(&mut self, s: &[u8]) {
        let id = self.pool.id(s);
        self.op(Op::ConstPool(id));
    }

    /// Pushes a class object.
    pub fn class(&mut self, pname: &str) {
        self.op(Op::SummonClass(summon(pname)));
    }

    /// Integer arithmetic.
    pub fn arith(&mut self, k: NumKind, op: ArithOp) {
        self.op(Op::Arith(k, op));
    }

    /// Replaces the object-stack top by its copy one below, dropping the
    /// entry under it: `[x, r] -> [r]`.
    pub fn nip(&mut self) {
        let t = self.obj_temp();
        self.op(Op::OsSet(t));
        self.op(Op::OsDrop);
        self.op(Op::OsGet(t));
    }

    /// `getStatic(slot)` of class `pname`: the value on the object stack.
    pub fn get_static(&mut self, pname: &str, slot: u32) {
        self.class(pname);
        self.iconst(slot as i32);
        self.op(Op::I2o(NumKind::Int));
        self.op(Op::Call {
            ord: GET_STATIC,
            nargs: 1,
        });
    }

    /// `setStatic(slot, value)` with the value on the object-stack top.
    pub fn set_static(&mut self, pname: &str, slot: u32) {
        let t = self.obj_temp();
        self.op(Op::OsSet(t));
        self.class(pname);
        self.iconst(slot as i32);
        self.op(Op::I2o(NumKind::Int));
        self.op(Op::OsGet(t));
        self.op(Op::Call {
            ord: SET_STATIC,
            nargs: 2,
        });
        self.op(Op::OsDrop);
    }

    /// Pushes the class's static holder (static slot 0), running the
    /// generated `$clinit` on a new instance first if the class has not
    /// been initialised.
    pub fn singleton(&mut self, l: &Layout) {
        self.get_static(&l.pname, 0);
        let done = self.label();
        self.op(Op::OsDup);
        self.op(Op::OsIsNull);
        self.op(Op::Jz(done));
        self.op(Op::OsDrop);
        self.class(&l.pname);
        self.op(Op::New);
        self.op(Op::Call {
            ord: l.clinit,
            nargs: 0,
        });
        self.op(Op::Label(done));
    }

    /// `new C(msg)` for a runtime-library exception class with a
    /// `(Ljava/lang/String;)V` constructor at `ctor`, message on the
    /// object-stack top; leaves the exception on the object stack.
    pub fn new_with_message(&mut self, pname: &str, ctor: u32) {
        let t = self.obj_temp();
        self.op(Op::OsSet(t));
        self.class(pname);
        self.op(Op::New);
        self.op(Op::OsGet(t));
        self.op(Op::OsPull(1));
        self.class(pname);
        self.op(Op::StaticInvoke {
            ord: ctor,
            nargs: 1,
        });
        self.op(Op::OsDrop);
    }

    /// Converts the value on top of its stack (of Java type `t`) to a
    /// string on the object stack, as `String.valueOf` does.
    pub fn stringify(&mut self, t: crate::model::JType, desc: &str, rt: &RtOrds) {
        use crate::model::JType;
        match t {
            JType::Int if desc == "Z" => {
                let (f, end) = (self.label(), self.label());
                self.op(Op::Jz(f));
                self.sconst(b"true");
                self.op(Op::Jmp(end));
                self.op(Op::Label(f));
                self.sconst(b"false");
                self.op(Op::Label(end));
            }
            JType::Int if desc == "C" => {
                self.op(Op::I2o(NumKind::Int));
                self.rt_call(rt, rt.char_to_string, 1);
            }
            JType::Int | JType::Long => {
                let k = if t == JType::Int {
                    NumKind::Int
                } else {
                    NumKind::Long
                };
                self.op(Op::I2o(k));
                self.op(Op::Call {
                    ord: TO_STRING,
                    nargs: 0,
                });
            }
            _ => {
                // null prints as "null"; anything else through toString().
                let (nonnull, end) = (self.label(), self.label());
                self.op(Op::OsDup);
                self.op(Op::OsIsNull);
                self.op(Op::Jz(nonnull));
                self.op(Op::OsDrop);
                self.sconst(b"null");
                self.op(Op::Jmp(end));
                self.op(Op::Label(nonnull));
                if desc != "Ljava/lang/String;" {
                    self.op(Op::Call {
                        ord: TO_STRING,
                        nargs: 0,
                    });
                }
                self.op(Op::Label(end));
            }
        }
    }

    /// Calls runtime helper `ord` of `java/lang/$Rt` with `nargs` boxed
    /// arguments on the object stack (the helper class has no state, so a
    /// fresh instance is the receiver).
    pub fn rt_call(&mut self, rt: &RtOrds, ord: u32, nargs: u32) {
        self.class(RT_PNAME);
        self.op(Op::New);
        self.class(RT_PNAME);
        self.op(Op::StaticInvoke { ord, nargs });
        let _ = rt;
    }

    /// Prints the string on the object-stack top on standard output.
    pub fn print(&mut self) {
        let t = self.obj_temp();
        self.op(Op::OsSet(t));
        self.class(".internal.io.tty");
        self.op(Op::New);
        self.op(Op::OsGet(t));
        self.op(Op::Call {
            ord: TTY_PUTWS,
            nargs: 1,
        });
        self.op(Op::OsDrop);
    }
}

/// Static slot of the helper class that holds the bootstrap object.
pub const BOOT_SLOT: u32 = 1;
/// Bootstrap object method `sleep(msec)`.
pub const BOOT_SLEEP: u32 = 21;

/// The Phantom name of the runtime helper class.
pub const RT_PNAME: &str = ".java.lang.$Rt";
/// Its Java name.
pub const RT_JNAME: &str = "java/lang/$Rt";

/// Ordinals of the runtime helpers and exception constructors that
/// lowered code calls.
#[derive(Clone, Debug)]
pub struct RtOrds {
    /// `$Rt.newArray(int n, Object zero)`.
    pub new_array: u32,
    /// `$Rt.outOfBounds(Object array, int index)`: the exception to throw.
    pub out_of_bounds: u32,
    /// `$Rt.charToString(char)`.
    pub char_to_string: u32,
    /// `$Rt.stringHash(String)`: Java's `String.hashCode`.
    pub string_hash: u32,
    /// `$Rt.substring(String, int begin, int end)`.
    pub substring: u32,
    /// `$Rt.arrayClone(Object array)`.
    pub array_clone: u32,
    /// `$Rt.multiNewArray(Object counts, int level, Object zero)`.
    pub multi_new_array: u32,
    /// `$Rt.enumValueOf(Object values, String name, String enumName)`.
    pub enum_value_of: u32,
    /// `NullPointerException()`.
    pub npe_ctor: u32,
    /// `IllegalArgumentException(String)`.
    pub iae_ctor: u32,
    /// `ArithmeticException(String)`.
    pub arith_ctor: u32,
}

/// A `Summon` for a class name (the well-known ones by their short forms).
pub fn summon(pname: &str) -> Summon {
    match pname {
        ".internal.string" => Summon::StringClass,
        ".internal.container.array" => Summon::ArrayClass,
        ".internal.class" => Summon::ClassClass,
        ".internal.int" => Summon::IntClass,
        other => Summon::ByName(other.to_string()),
    }
}
