//! Static types of the Phantom language and the numeric kinds of the VM.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use core::fmt;

/// Well-known class names.
pub mod names {
    /// The root of every class chain (`.internal.void` inside the VM).
    pub const OBJECT: &str = ".internal.object";
    /// The VM's name of the root class.
    pub const VOID: &str = ".internal.void";
    /// Boxed 32-bit integer.
    pub const INT: &str = ".internal.int";
    /// Boxed 64-bit integer.
    pub const LONG: &str = ".internal.long";
    /// Boxed 32-bit float.
    pub const FLOAT: &str = ".internal.float";
    /// Boxed 64-bit float.
    pub const DOUBLE: &str = ".internal.double";
    /// Byte string.
    pub const STRING: &str = ".internal.string";
    /// The default container class of `T[]`.
    pub const ARRAY: &str = ".internal.container.array";
    /// Class objects.
    pub const CLASS: &str = ".internal.class";
}

/// The four numeric kinds a type prefix selects on the integer stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumKind {
    /// 32-bit two's complement, one cell.
    Int,
    /// 64-bit two's complement, two cells (high word first).
    Long,
    /// IEEE single, one cell of raw bits.
    Float,
    /// IEEE double, two cells of raw bits.
    Double,
}

impl NumKind {
    /// Number of 32-bit integer-stack cells a value of this kind takes.
    pub fn cells(self) -> u32 {
        match self {
            NumKind::Int | NumKind::Float => 1,
            NumKind::Long | NumKind::Double => 2,
        }
    }

    /// The name used in listings and signatures (`int`, `long`, ...).
    pub fn name(self) -> &'static str {
        match self {
            NumKind::Int => "int",
            NumKind::Long => "long",
            NumKind::Float => "float",
            NumKind::Double => "double",
        }
    }

    /// The boxed class of this kind.
    pub fn class_name(self) -> &'static str {
        match self {
            NumKind::Int => names::INT,
            NumKind::Long => names::LONG,
            NumKind::Float => names::FLOAT,
            NumKind::Double => names::DOUBLE,
        }
    }

    /// Whether this is a floating-point kind (bitwise and logical ops are invalid).
    pub fn is_float(self) -> bool {
        matches!(self, NumKind::Float | NumKind::Double)
    }

    /// The wider of two kinds (int < long < float < double).
    pub fn unify(self, other: NumKind) -> NumKind {
        self.max(other)
    }
}

/// A static type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// No value (method results only).
    Void,
    /// Not declared (`var x;`): an object of any class, never equal to another type.
    Unknown,
    /// The type of something already reported as an error (a class that
    /// does not exist, say). Front ends accept it everywhere without further
    /// diagnostics, so that one mistake gives one error; it never reaches a
    /// class file, because a compilation with errors writes none.
    Error,
    /// A number; lives on the integer stack as a local or temporary, boxed elsewhere.
    Num(NumKind),
    /// `.internal.string`.
    String,
    /// Any other class, by absolute name (including `.internal.object`).
    Class(String),
    /// A container: `elem []` of the given container class.
    Container {
        /// Container class (`.internal.container.array` by default).
        container: String,
        /// Element type, `None` when the class file left it empty.
        elem: Option<Box<Type>>,
    },
}

impl Type {
    /// `int`.
    pub const INT: Type = Type::Num(NumKind::Int);

    /// The `.internal.object` type.
    pub fn object() -> Type {
        Type::Class(names::OBJECT.to_string())
    }

    /// An array of `elem` with the default container class.
    pub fn array_of(elem: Type) -> Type {
        Type::Container {
            container: names::ARRAY.to_string(),
            elem: Some(Box::new(elem)),
        }
    }

    /// The numeric kind, if this is a number.
    pub fn num(&self) -> Option<NumKind> {
        match self {
            Type::Num(k) => Some(*k),
            _ => None,
        }
    }

    /// The class that holds values of this type at run time, if known.
    pub fn class_name(&self) -> Option<&str> {
        match self {
            Type::Void => Some(names::VOID),
            Type::Unknown | Type::Error => None,
            Type::Num(k) => Some(k.class_name()),
            Type::String => Some(names::STRING),
            Type::Class(c) => Some(c),
            Type::Container { container, .. } => Some(container),
        }
    }

    /// Builds a type from a class name as stored in class files and
    /// signatures (`.internal.int` is `int`, the empty name is unknown).
    pub fn from_class_name(name: &str) -> Type {
        match name {
            "" => Type::Unknown,
            names::VOID => Type::Void,
            names::INT => Type::Num(NumKind::Int),
            names::LONG => Type::Num(NumKind::Long),
            names::FLOAT => Type::Num(NumKind::Float),
            names::DOUBLE => Type::Num(NumKind::Double),
            names::STRING => Type::String,
            other => Type::Class(other.to_string()),
        }
    }
}

impl fmt::Display for Type {
    /// The listing form: `int`, `string`, `unknown`, `.a.b`, `T[]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Void => f.write_str("void"),
            Type::Unknown => f.write_str("unknown"),
            Type::Error => f.write_str("{error}"),
            Type::Num(k) => f.write_str(k.name()),
            Type::String => f.write_str("string"),
            Type::Class(c) => f.write_str(c),
            Type::Container { container, elem } => {
                match elem {
                    Some(e) => write!(f, "{e}[]")?,
                    None => f.write_str("unknown[]")?,
                }
                if container != names::ARRAY {
                    write!(f, "[*{container}]")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_round_trip() {
        for t in [
            Type::INT,
            Type::Num(NumKind::Double),
            Type::String,
            Type::Void,
            Type::Unknown,
        ] {
            let name = t.class_name().unwrap_or("");
            assert_eq!(Type::from_class_name(name), t);
        }
        assert_eq!(Type::from_class_name(".a.b"), Type::Class(".a.b".into()));
    }

    #[test]
    fn display_matches_listing_texts() {
        assert_eq!(Type::array_of(Type::INT).to_string(), "int[]");
        assert_eq!(Type::object().to_string(), ".internal.object");
        assert_eq!(NumKind::Int.unify(NumKind::Double), NumKind::Double);
    }
}
