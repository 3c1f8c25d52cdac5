# args: alpha beta 42
import sys
print(len(sys.argv), sys.argv[1:])
print(int(sys.argv[3]) * 2)
