// A binary search tree: insert, contains, in-order traversal, height,
// removal of the minimum, recursion over a user data structure.
public class BinaryTree {
    static class Node {
        int key;
        Node left, right;
        Node(int key) {
            this.key = key;
        }
    }

    Node root;
    int size;

    void insert(int k) {
        root = insert(root, k);
    }

    private Node insert(Node n, int k) {
        if (n == null) {
            size++;
            return new Node(k);
        }
        if (k < n.key) {
            n.left = insert(n.left, k);
        } else if (k > n.key) {
            n.right = insert(n.right, k);
        }
        return n;
    }

    boolean contains(int k) {
        Node n = root;
        while (n != null) {
            if (k == n.key) {
                return true;
            }
            n = k < n.key ? n.left : n.right;
        }
        return false;
    }

    static int height(Node n) {
        return n == null ? 0 : 1 + Math.max(height(n.left), height(n.right));
    }

    static void inorder(Node n, StringBuilder out) {
        if (n == null) {
            return;
        }
        inorder(n.left, out);
        out.append(n.key).append(' ');
        inorder(n.right, out);
    }

    int removeMin() {
        Node parent = null, n = root;
        while (n.left != null) {
            parent = n;
            n = n.left;
        }
        if (parent == null) {
            root = n.right;
        } else {
            parent.left = n.right;
        }
        size--;
        return n.key;
    }

    public static void main(String[] args) {
        BinaryTree t = new BinaryTree();
        int x = 7;
        for (int i = 0; i < 40; i++) {
            x = (x * 73 + 19) % 101;
            t.insert(x);
        }
        StringBuilder sb = new StringBuilder();
        inorder(t.root, sb);
        System.out.println(sb);
        System.out.println(t.size + " " + height(t.root) + " " + t.contains(19) + " " + t.contains(100));
        System.out.println(t.removeMin() + " " + t.removeMin() + " " + t.size);
    }
}
