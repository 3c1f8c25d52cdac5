// covers: else-if chains, each branch reached once, conditions combining comparisons with && and ||
package .test;

class main
{
    var out;

    string grade(var score : int)
    {
        if (score >= 90)
            return "A";
        else if (score >= 80)
            return "B";
        else if (score >= 70)
            return "C";
        else if (score >= 60)
            return "D";
        else
            return "F";
    }

    string range(var v : int)
    {
        var r : string;
        if (v < 0 || v > 100)
            r = "out";
        else if (v >= 40 && v <= 60)
            r = "middle";
        else
            r = "in";
        return r;
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16("95:" + grade(95) + " 85:" + grade(85) + " 75:" + grade(75) + " 65:" + grade(65) + " 5:" + grade(5) + "\n");
        out.16("90:" + grade(90) + " 89:" + grade(89) + " 60:" + grade(60) + " 59:" + grade(59) + "\n");
        out.16(range(-1) + " " + range(0) + " " + range(40) + " " + range(50) + " " + range(60) + " " + range(61) + " " + range(101) + "\n");
    }
};
