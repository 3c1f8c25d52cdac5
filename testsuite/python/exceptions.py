# try/except/else/finally, raise, custom exceptions.
def div(a, b):
    try:
        r = a // b
    except ZeroDivisionError as e:
        print("caught:", e)
        return None
    else:
        print("no error")
        return r
    finally:
        print("finally", a, b)

print(div(7, 2))
print(div(1, 0))


class MyError(Exception):
    pass


class DetailError(MyError):
    def __init__(self, code):
        super().__init__("detail " + str(code))
        self.code = code


for exc in [MyError("plain"), DetailError(7), ValueError("v"), KeyError("k")]:
    try:
        raise exc
    except DetailError as e:
        print("DetailError", e, e.code, e.args)
    except MyError as e:
        print("MyError", e, repr(e))
    except (ValueError, TypeError) as e:
        print("Value or Type", e)
    except Exception as e:
        print("other", type(e).__name__, e)

try:
    try:
        [][1]
    except IndexError:
        print("index error")
        raise
except IndexError as e:
    print("re-raised:", e)

try:
    int("abc")
except ValueError as e:
    print(e)

try:
    raise RuntimeError("boom") from KeyError("cause")
except RuntimeError as e:
    print("from:", e)

for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("cleanup", i)

def early():
    for i in range(5):
        try:
            if i == 2:
                return "returned at 2"
        finally:
            print("fin", i)

print(early())
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("assert:", e)
try:
    {}["x"]
except LookupError as e:
    print("lookup:", e)
try:
    None.foo
except AttributeError as e:
    print("attr:", e)
try:
    1 + "a"
except TypeError as e:
    print("type:", e)
