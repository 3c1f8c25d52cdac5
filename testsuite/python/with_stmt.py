# with statements and context managers.
class Resource:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.swallow


with Resource("a") as r:
    print("inside", r.name)
with Resource("b", swallow=True):
    raise ValueError("swallowed")
print("after b")
try:
    with Resource("c"):
        raise KeyError("kept")
except KeyError as e:
    print("caught", e)
with Resource("d") as d, Resource("e") as e:
    print("two", d.name, e.name)

def f():
    with Resource("f"):
        return "returned"
print(f())
for i in range(3):
    with Resource("loop" + str(i)):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
