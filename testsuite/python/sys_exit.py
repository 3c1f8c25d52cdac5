# sys.exit with no code ends quietly with status 0.
import sys
print("start")
try:
    sys.exit()
finally:
    print("finally runs")
print("not reached")
