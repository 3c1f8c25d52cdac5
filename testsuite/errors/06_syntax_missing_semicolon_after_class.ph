// error: E0100 missing `;` after the class body before the next class
package .test.err;

class first
{
    int f()
    {
        return 1;
    }
}

class second
{
};
