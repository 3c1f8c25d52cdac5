# Counts forever, a line every 50 ms, in a global and an object. Run in a
# persistent image, killed with kill -9 and run again, it goes on from
# where the last snapshot caught it (os/phantom/tests/python_persist.rs).
import time


class Totals:
    def __init__(self):
        self.total = 0

    def add(self, n):
        self.total += n


count = 0
t = Totals()
while True:
    count += 1
    t.add(count)
    print("count", count, "total", t.total)
    time.sleep(0.05)
