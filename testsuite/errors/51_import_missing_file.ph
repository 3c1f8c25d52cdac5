// error: E0414 `import "file"` of a file that does not exist
package .test.err;

class missingfile
{
    string f()
    {
        return import "assets/does-not-exist.bin";
    }
};
