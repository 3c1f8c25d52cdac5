# The built-in exception hierarchy.
checks = [
    (ZeroDivisionError, ArithmeticError),
    (KeyError, LookupError),
    (IndexError, LookupError),
    (ValueError, Exception),
    (Exception, BaseException),
    (KeyError, IndexError),
    (StopIteration, Exception),
    (RecursionError, RuntimeError),
    (bool, int),
]
for a, b in checks:
    print(a.__name__, b.__name__, issubclass(a, b))

def risky(kind):
    if kind == 0:
        return 1 // 0
    if kind == 1:
        return [1][5]
    if kind == 2:
        return {"a": 1}["b"]
    if kind == 3:
        return int("x")
    if kind == 4:
        return undefined_thing
    return "fine"

undefined_thing = "now defined"
for k in range(6):
    try:
        print(k, risky(k))
    except ArithmeticError as e:
        print(k, "arith", type(e).__name__, e)
    except LookupError as e:
        print(k, "lookup", type(e).__name__, e)
    except Exception as e:
        print(k, "other", type(e).__name__, e)
e = ValueError("a", 1)
print(e.args, str(e), repr(e), repr(ValueError()), str(ValueError()))
try:
    raise TypeError
except TypeError as t:
    print("class raised:", repr(t))
