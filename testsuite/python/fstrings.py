# f-strings, str.format and % formatting.
name = "Ann"
n = 42
print(f"hello {name}, n={n}, twice={n * 2}")
print(f"{n:5}|{n:<5}|{n:^6}|{n:05}|{name:>6}|{name!r}|{n:x}|{n:,}")
print(f"{1234567:,} {-42:+} {42:+} {255:X} {5:b} {8:o}")
print("{} and {}".format("a", "b"), "{1} {0}".format("x", "y"), "{name}!".format(name="Bo"))
print("{:>4}|{:<4}|{!r}".format(7, 8, "s"))
print("%d items, %s, %r, %5d|%-5d|%05d" % (3, "str", "r", 42, 42, 42))
print("%x %o %%" % (255, 8), "%s" % "single")
print(f"{'nested'} {[1, 2]} {(1,)} {None} {True}")
