// covers: .internal.bitmap loadFromString parses PPM (P3), PGM (P2) and PBM (P1) text images; bad data throws "can not parse graphics data: <why>"; paintTo throws (no screen in the hosted runtime)
package .test;

import .internal.bitmap;

class main
{
    var out;

    void tryLoad(var what : string, var src : string)
    {
        var b : .internal.bitmap;
        b = new .internal.bitmap();
        try
        {
            b.loadFromString(src);
            out.16(what + ": " + b.toString() + "\n");
        }
        catch (string e)
        {
            out.16(what + ": " + e + "\n");
        }
    }

    void run(var boot) [8]
    {
        var b : .internal.bitmap;
        out = boot;
        b = new .internal.bitmap();
        out.16("new: " + b.toString() + "\n");
        tryLoad("ppm", "P3\n# two by two\n2 2\n255\n255 0 0  0 255 0\n0 0 255  255 255 255\n");
        tryLoad("pgm", "P2 3 1 15 0 7 15");
        tryLoad("pbm", "P1\n4 2\n0110\n1001\n");
        tryLoad("gif", "GIF89a");
        tryLoad("short", "P3 2 2 255 1 2 3");
        tryLoad("over", "P2 1 1 7 9");
        b.loadFromString("P3 1 1 255 1 2 3");
        try
        {
            b.paintTo(null, 0, 0);
        }
        catch (string e)
        {
            out.16("paintTo: " + e + "\n");
        }
    }
};
