//! Classes as the VM sees them: slots, ordinals, signatures, constants.

use alloc::string::String;
use alloc::vec::Vec;

use crate::tree::Node;
use crate::types::Type;

/// A field slot.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Source name.
    pub name: String,
    /// Slot index in instances; inherited fields come first.
    pub ordinal: u32,
    /// Declared type ([`Type::Unknown`] if untyped).
    pub ty: Type,
}

/// A method argument.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// Source name.
    pub name: String,
    /// Declared type.
    pub ty: Type,
}

/// What callers need to know about a method.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodSig {
    /// Name; constructors are `<init>`.
    pub name: String,
    /// Slot in the class's method table.
    pub ordinal: u32,
    /// Whether this is a constructor.
    pub is_ctor: bool,
    /// Result type.
    pub ret: Type,
    /// Arguments in source order.
    pub args: Vec<Arg>,
}

/// A string or binary constant in the class's pool.
#[derive(Clone, Debug, PartialEq)]
pub struct Const {
    /// Pool index, as used by `const_pool`.
    pub id: u32,
    /// The bytes of the string.
    pub bytes: Vec<u8>,
}

/// The interface half of a class: everything an importer reads.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassInfo {
    /// Absolute name with leading dot.
    pub name: String,
    /// Parent class name (`.internal.object` when there is none).
    pub parent: String,
    /// Object slots an instance needs, inherited ones included.
    pub n_fields: u32,
    /// Size of the method table, inherited slots included.
    pub n_methods: u32,
    /// Fields declared by this class.
    pub fields: Vec<Field>,
    /// Methods declared by this class.
    pub methods: Vec<MethodSig>,
}

impl ClassInfo {
    /// Whether this is a native `.internal.*` class.
    pub fn is_internal(&self) -> bool {
        self.name.starts_with(".internal.")
    }
}

/// A method with its typed body.
#[derive(Clone, Debug, PartialEq)]
pub struct Method {
    /// Signature and slot.
    pub sig: MethodSig,
    /// Object-stack slots the body uses (arguments included).
    pub obj_slots: u32,
    /// Integer-stack cells the body uses.
    pub int_slots: u32,
    /// The body; `None` for `{}` bodies and interface methods (compiled to a bare `ret`).
    pub body: Option<Node>,
}

/// A whole class as a front end produces it.
#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    /// Slots and signatures.
    pub info: ClassInfo,
    /// Method bodies, in the order the back end should emit them.
    pub methods: Vec<Method>,
    /// The constant pool, by increasing id.
    pub consts: Vec<Const>,
    /// Source file name, for diagnostics and listings.
    pub source: String,
}
