# Exceptions raised in constructors, nested handlers, finally ordering.
class Fragile:
    def __init__(self, v):
        if v < 0:
            raise ValueError(f"negative: {v}")
        self.v = v

made = []
for v in [1, -2, 3]:
    try:
        made.append(Fragile(v).v)
    except ValueError as e:
        print("skip", e)
print(made)

def layered(n):
    log = []
    try:
        try:
            log.append("try")
            if n == 1:
                raise KeyError("k")
            if n == 2:
                raise TypeError("t")
            log.append("no error")
        except KeyError:
            log.append("inner except")
            raise IndexError("converted")
        finally:
            log.append("inner finally")
    except IndexError as e:
        log.append("outer except " + str(e))
    except TypeError:
        log.append("outer type")
    finally:
        log.append("outer finally")
    return log

for n in range(3):
    print(n, layered(n))

def finally_return():
    try:
        return "from try"
    finally:
        print("finally before return")

print(finally_return())
errors = 0
for item in ["1", "x", "3", "", "5"]:
    try:
        int(item)
    except ValueError:
        errors += 1
        continue
    finally:
        pass
print("errors", errors)
try:
    raise Exception("a", "b")
except Exception as e:
    print(e.args, str(e))
class CustomStr(Exception):
    def __str__(self):
        return "custom message"
try:
    raise CustomStr()
except Exception as e:
    print(e, repr(e))
