// Interface calls on several implementing classes.
public class Interfaces {
    interface Animal {
        String sound();
        int legs();
    }

    interface Named {
        String name();
    }

    static class Dog implements Animal, Named {
        public String sound() {
            return "woof";
        }
        public int legs() {
            return 4;
        }
        public String name() {
            return "dog";
        }
    }

    static class Bird implements Animal, Named {
        public String name() {
            return "bird";
        }
        public String sound() {
            return "tweet";
        }
        public int legs() {
            return 2;
        }
    }

    static int countLegs(Animal[] as) {
        int n = 0;
        for (Animal a : as) {
            n += a.legs();
        }
        return n;
    }

    public static void main(String[] args) {
        Animal[] zoo = {new Dog(), new Bird(), new Dog()};
        for (Animal a : zoo) {
            Named n = (Named) a;
            System.out.println(n.name() + " says " + a.sound());
        }
        System.out.println(countLegs(zoo));
    }
}
