// error: E0300 a field declared twice, and a field repeating a parent's field
package .test.err;

class parent
{
    var shared : int;
};

class dupfield extends parent
{
    var a : int;
    var a : string;
    var shared;
};
