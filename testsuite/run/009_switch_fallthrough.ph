// covers: switch fall-through from case to case, several labels sharing one body, default in the middle falling into the next case
package .test;

class main
{
    var out;

    int stairs(var n : int)
    {
        var acc : int;
        acc = 0;
        switch (n)
        {
            case 3:
                acc = acc + 100;
            case 2:
                acc = acc + 10;
            case 1:
                acc = acc + 1;
                break;
            default:
                acc = -1;
        }
        return acc;
    }

    int vowel(var c : int)
    {
        switch (c)
        {
            case 97:
            case 101:
            case 105:
            case 0x6F:
            case 100 + 17:
                return 1;
        }
        return 0;
    }

    string mid(var n : int)
    {
        var s : string;
        s = "";
        switch (n)
        {
            case 1:
                s = s + "one ";
                break;
            default:
                s = s + "default ";
            case 2:
                s = s + "two ";
            case 3:
                s = s + "three";
        }
        return s;
    }

    void run(var boot) [8]
    {
        var word : string;
        var i : int;
        var n : int;
        out = boot;
        out.16("stairs: " + stairs(0) + " " + stairs(1) + " " + stairs(2) + " " + stairs(3) + " " + stairs(4) + "\n");
        word = "phantom os rules";
        i = 0;
        n = 0;
        while (i < word.length())
        {
            n = n + vowel(word.charAt(i));
            i = i + 1;
        }
        out.16("vowels: " + n + "\n");
        out.16("mid(1): " + mid(1) + "\n");
        out.16("mid(2): " + mid(2) + "\n");
        out.16("mid(3): " + mid(3) + "\n");
        out.16("mid(9): " + mid(9) + "\n");
    }
};
