// error: E0426 reading and assigning a field of another object; fields are private to their object
package .test.err;

class point
{
    var count : int;

    void copy(var p : .test.err.point)
    {
        p.count = 5;
        count = p.count;
        this.count = 1;
    }
};
