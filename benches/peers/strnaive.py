# strnaive: s += "hello" 200,000 times on a plain string in a function (CPython appends in
# place when the string is not shared); print the final length; checksum = 1000000
def main():
    s = ""
    for i in range(200000):
        s += "hello"
    print(len(s))


main()
