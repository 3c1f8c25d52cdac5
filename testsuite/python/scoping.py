# Scopes: globals, shadowing, default arguments evaluated once.
x = "global"

def read():
    return x

def shadow():
    x = "local"
    return x

def modify():
    global x
    x = "modified"

print(read(), shadow(), x)
modify()
print(read(), x)

def append_to(item, target=[]):
    target.append(item)
    return target

print(append_to(1), append_to(2), append_to(3, []))

def make_counters():
    fns = []
    for i in range(3):
        fns.append(lambda i=i: i * 10)
    return fns

print([f() for f in make_counters()])

def outer():
    count = 0
    def bump(n=1):
        nonlocal count
        count += n
        return count
    bump()
    bump(5)
    return count, bump

c, b = outer()
print(c, b(), b(10))

class Config:
    debug = False
    def toggle(self):
        self.debug = not self.debug
        return self.debug

cfg = Config()
print(cfg.toggle(), cfg.debug, Config.debug, Config().debug)
