// covers: if without else, if/else, else-if chains, nested ifs, dangling else binding to the inner if
package .test.ifelse;

class grader
{
    string grade(var score : int)
    {
        if (score >= 90)
            return "A";
        else if (score >= 80)
            return "B";
        else if (score >= 70)
            return "C";
        else
            return "F";
    }

    int sign(var v : int)
    {
        var r : int;
        r = 0;
        if (v > 0) r = 1;
        if (v < 0) { r = -1; } else { if (v == 0) r = 0; }
        return r;
    }

    int dangling(var a : int, var b : int)
    {
        if (a > 0)
            if (b > 0)
                return 1;
            else
                return 2;
        return 3;
    }
};
