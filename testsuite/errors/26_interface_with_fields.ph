// error: E0206 an interface cannot have fields
package .test.err;

interface holder
{
    var value : int;
    int get();
};
