# sys.stdout.write, print's flush, and changing a dict while iterating it.
import sys
n = sys.stdout.write("no newline;")
sys.stdout.write(" written " + str(n) + "\n")
print("flushed", flush=True)
d = {1: "a", 2: "b"}
try:
    for k in d:
        d[k + 10] = "new"
except RuntimeError as e:
    print("RuntimeError:", e)
for k in list(d):
    d[k] = d[k] * 2
print(d)
