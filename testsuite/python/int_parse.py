# int() with bases, and a few more str methods.
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0x1F", 0), int("0o17", 0), int("0b101", 0), int("101", 2))
print(int("z", 36), int("-7f", 16), int(" 1_000 ", 10), int("12345678901234567890abcdef", 16), int("0", 0), int(2 ** 70))
for bad in [("12", 2), ("0x", 16), ("010", 0), ("", 10), ("9", 8)]:
    try:
        int(bad[0], bad[1])
    except ValueError as e:
        print("ValueError:", e)
print("prefix_word".removeprefix("prefix_"), "word.txt".removesuffix(".txt"), "keep".removeprefix("x"), "Hello World".swapcase())
print("a-b-a".rindex("a"), "a b  c".rsplit(), "x,y".rsplit(","))
