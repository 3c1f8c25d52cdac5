# sys.exit(1) ends with status 1.
import sys
print("start")
sys.exit(1)
