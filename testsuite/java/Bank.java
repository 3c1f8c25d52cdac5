// A small bank: accounts in a HashMap, transfers with checked exceptions,
// a transaction log in an ArrayList, overridden getMessage and toString.
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Bank {
    static class InsufficientFunds extends Exception {
        final long missing;
        InsufficientFunds(long missing) {
            this.missing = missing;
        }
        @Override
        public String getMessage() {
            return "missing " + missing;
        }
    }

    static class Account {
        final String owner;
        long balance;
        Account(String owner, long balance) {
            this.owner = owner;
            this.balance = balance;
        }
        public String toString() {
            return owner + ":" + balance;
        }
    }

    private final Map<String, Account> accounts = new HashMap<>();
    private final List<String> log = new ArrayList<>();

    void open(String owner, long amount) {
        if (accounts.containsKey(owner)) {
            throw new IllegalStateException("exists: " + owner);
        }
        accounts.put(owner, new Account(owner, amount));
        log.add("open " + owner);
    }

    void transfer(String from, String to, long amount) throws InsufficientFunds {
        Account a = accounts.get(from);
        Account b = accounts.get(to);
        if (a == null || b == null) {
            throw new IllegalArgumentException("no such account");
        }
        if (a.balance < amount) {
            throw new InsufficientFunds(amount - a.balance);
        }
        a.balance -= amount;
        b.balance += amount;
        log.add(from + "->" + to + " " + amount);
    }

    public static void main(String[] args) {
        Bank bank = new Bank();
        bank.open("ann", 100);
        bank.open("bob", 50);
        bank.open("cy", 0);
        String[][] moves = {{"ann", "bob", "30"}, {"bob", "cy", "100"}, {"cy", "ann", "0"}, {"bob", "zed", "1"}, {"bob", "cy", "80"}};
        for (String[] m : moves) {
            try {
                bank.transfer(m[0], m[1], Long.parseLong(m[2]));
                System.out.println("ok " + m[0] + " " + m[1]);
            } catch (InsufficientFunds e) {
                System.out.println("refused: " + e.getMessage() + " / " + e);
            } catch (IllegalArgumentException e) {
                System.out.println("error: " + e.getMessage());
            }
        }
        try {
            bank.open("ann", 1);
        } catch (IllegalStateException e) {
            System.out.println(e);
        }
        long total = 0;
        for (Account a : bank.accounts.values()) {
            total += a.balance;
        }
        System.out.println(bank.accounts + " total " + total);
        System.out.println(bank.log);
    }
}
