# More formatting: widths, fills, signs, conversions, % with tuples.
for v in [0, 7, -7, 123456, -1234567]:
    print(f"[{v:>10}] [{v:<10}] [{v:^10}] [{v:+d}] [{v:010}] [{v:,}] [{v:*^11}]")
for s in ["", "a", "abc", "abcdefghijkl"]:
    print(f"[{s:>5}] [{s:<5}] [{s:^5}] [{s:.^6}] [{s!r}]")
print("%5s|%-5s|%s" % ("ab", "cd", (1, 2)), "%d%%" % 50, "%03d" % 7, "%-4d|" % 3)
print("{0}{1}{0}".format("ab", "cd"), "{:>3}{:<3}|".format(1, 2), "{!r}".format("q"), "{{literal}}".format())
name, n = "x", 3
print(f"{name}={n}", f"{n * 2 + 1}", f"{'yes' if n > 2 else 'no'}", f"{[i for i in range(n)]}", f"{n!r:>4}")
print("a{}b".format(None), "{:d}".format(True), f"{True}", f"{None!s:>6}")
print(str(12).center(6, "*"), "ab".center(5, "-"), "abc".center(6), "x".center(2))
