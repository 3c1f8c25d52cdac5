# An uncaught exception ends the program with exit status 1.
print("before")
def f():
    raise ValueError("bad value")
f()
print("not reached")
