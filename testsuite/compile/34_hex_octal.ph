// covers: decimal, hexadecimal (upper and lower case digits) and octal integer literals, 0, 0xFFFFFFFF as -1
package .test.radix;

class radix
{
    int decimal()
    {
        return 1234567;
    }

    int hex()
    {
        return 0x1F + 0xff + 0xCafe;
    }

    int octal()
    {
        // 017 = 15, 0777 = 511
        return 017 + 0777;
    }

    int zero()
    {
        return 0;
    }

    int allOnes()
    {
        return 0xFFFFFFFF;
    }

    int biggest()
    {
        return 2147483647 + 0x7fffffff - 037777777777;
    }
};
