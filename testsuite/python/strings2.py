# String processing: palindromes, anagrams, word counts, Caesar cipher.
def is_pal(s):
    t = "".join(c.lower() for c in s if c.isalpha())
    return t == t[::-1]

for s in ["A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw"]:
    print(is_pal(s), end=" ")
print()
groups = {}
for w in ["listen", "silent", "enlist", "google", "gogole", "cat", "act"]:
    key = "".join(sorted(w))
    groups.setdefault(key, []).append(w)
print(list(groups.values()))
text = "the cat and the hat and the bat"
freq = {}
for w in text.split():
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
def caesar(s, k):
    out = ""
    for c in s:
        if c.isupper():
            out += chr((ord(c) - 65 + k) % 26 + 65)
        elif c.islower():
            out += chr((ord(c) - 97 + k) % 26 + 97)
        else:
            out += c
    return out
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))
print("-".join(reversed("abc")), "abc"[::-1], "x".join("123"), "a,b;c".replace(";", ",").split(","))
print(len("tab\tand\nnewline"), "tab\tand\nnewline".split(), "CamelCaseWord".lower(), "snake_case".upper())
s = "mississippi"
print(s.count("ss"), s.find("ss"), s.find("ss", 3), s.rfind("ss"), s.replace("ss", "SS", 1), s.index("pp"))
