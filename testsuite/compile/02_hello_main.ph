// covers: entry point `void main(var boot) [8]`, printing through the boot object by ordinal (boot.16), string constants
package .test.hello;

class hello
{
    void main(var boot) [8]
    {
        boot.16("Hello, Phantom!\n");
        boot.16("second line\n");
        greet(boot, "world");
    }

    void greet(var boot, var who : string)
    {
        boot.16("Hello, ");
        boot.16(who);
        boot.16("!\n");
    }
};
