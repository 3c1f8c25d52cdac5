# Strings: indexing, slicing, methods.
s = "Hello, World"
print(s, len(s), s[0], s[-1], s[1:5], s[::2], s[::-1], s[-5:], s[:3])
print(s.upper(), s.lower(), s.find("World"), s.find("x"), s.replace("l", "L"))
print(s.startswith("Hell"), s.endswith("d"), s.count("l"), "World" in s, "xyz" not in s)
words = "  the quick  brown fox ".split()
print(words, len(words))
print(",".join(words), "-".join(["a", "b", "c"]))
print("a,b,,c".split(","), "a b c".split(" ", 1))
print("  pad  ".strip() + "|", "xxhixx".strip("x"), "  l".lstrip(), "r  ".rstrip() + "|")
print("abc" * 3, "ab" + "cd", "abc" < "abd", "b" > "abc", "abc" == "abc")
print("hello world".title(), "hello".capitalize(), "42".isdigit(), "4a".isdigit(), "abc".isalpha())
print("x".ljust(4) + "|", "x".rjust(4) + "|", "x".center(5) + "|", "42".zfill(5), "-42".zfill(5))
print(repr("it's"), repr('say "hi"'), repr("tab\there"), str(42), repr(42))
print(ord("A"), chr(66), "abc".index("c"), "a-b-c".rfind("-"))
for ch in "abc":
    print(ch, end=".")
print()
print("key=value".partition("="), "line1\nline2".splitlines())
