package xtremweb.server.user;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.UsergroupCreate;
import xtremweb.common.wire.UsergroupView;
import xtremweb.server.certification.Credits;
import xtremweb.server.db.Column;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.NotFound;

/**
 * Users and user groups as the manual has them: a SUPER_USER creates and deletes both, never a
 * user above its own level; a user belongs to at most one group; everybody else sees itself and
 * its own group only. Deleted users and groups stay in the tables, marked deleted.
 */
public final class UserAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(UserAdmin.class);
    private final Jdbc jdbc;
    private final UserRepository users;
    private final UsergroupRepository groups;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final AccessPolicy policy;
    private final Clock clock;

    public UserAdmin(Jdbc jdbc, UserRepository users, UsergroupRepository groups, Sessions sessions, PasswordHasher hasher,
                     AccessPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.groups = groups;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
    }

    public UserRow createUser(Caller caller, UserCreate request) {
        return createUser(caller, request, null);
    }

    /**
     * The same for a request named by {@code requestKey} ({@code Idempotency-Key}; null: none): when
     * the login is taken by a live user exactly as asked (same login, password, email, rights, user
     * group and DN), the request is a repetition whose answer was lost, answered with that user
     * instead of 409. The login being unique, no user is ever created twice; the key only spares
     * the client a refusal of what it did.
     */
    public UserRow createUser(Caller caller, UserCreate request, String requestKey) {
        try {
            return insertUser(caller, request);
        } catch (Conflict taken) {
            if (requestKey == null) {
                throw taken;
            }
            UserRow same = jdbc.tx("find user of a repeated request", c -> {
                String groupUid = groupUid(c, request);
                return users.byLogin(c, request.login()).filter(u -> u.login().equals(request.login()) && u.rights() == request.rights()
                        && java.util.Objects.equals(u.email(), request.email()) && java.util.Objects.equals(u.dn(), request.dn())
                        && java.util.Objects.equals(u.usergroupUid(), groupUid));
            }).orElseThrow(() -> taken);
            if (request.password() != null && !hasher.verify(request.password(), same.passwordHash())) {
                throw taken;
            }
            LOG.info("request {} of {} repeated (its answer was lost): answered with user {} it created", requestKey, caller.login(),
                    same.login());
            return same;
        }
    }

    /** The UID of the user group the request names, null for none; a group that does not exist is 404. */
    private String groupUid(Connection c, UserCreate request) throws SQLException {
        if (request.usergroup() == null || request.usergroup().isBlank()) {
            return null;
        }
        return groups.byUidOrLabel(c, request.usergroup()).map(UsergroupRow::uid).orElseThrow(() ->
                new NotFound("not-found", "no user group '" + request.usergroup()
                        + "'; create it with xwsendusergroup or list them with xwusergroups"));
    }

    private UserRow insertUser(Caller caller, UserCreate request) {
        if (!policy.mayCreateUser(caller, request.rights())) {
            throw new Forbidden(caller.rights().withArticle() + " may not create " + request.rights().withArticle()
                    + " user; only a SUPER_USER creates users, and never above its own level");
        }
        Column.USER_EMAIL.name("email", request.email());
        Column.USER_DN.name("dn", request.dn());
        // A certificate-only user gets the hash of a secret nobody knows: no password logs it in.
        String hash = hasher.hash(request.password() != null ? request.password() : Secrets.random(32));
        UserRow created = jdbc.tx("create user", c -> {
            if (users.loginTaken(c, request.login())) {
                throw new Conflict("login '" + request.login() + "' is taken (logins that differ only by case count as one,"
                        + " and a deleted user's login stays taken); choose another");
            }
            if (request.dn() != null) {
                Optional<String> holder = users.loginWithDn(c, request.dn());
                if (holder.isPresent()) {
                    throw new Conflict("the DN " + request.dn() + " belongs to user '" + holder.get()
                            + "' already; a certificate logs in exactly one user");
                }
            }
            String groupUid = groupUid(c, request);
            UserRow row = new UserRow(UUID.randomUUID().toString(), request.login(), hash, request.email(),
                    request.rights(), groupUid, clock.instant(), request.dn());
            users.insert(c, row);
            return row;
        });
        LOG.info("{} created user {} ({}, group {}{})", caller.login(), created.login(), created.rights(), created.usergroupUid(),
                created.dn() == null ? "" : ", certificate " + created.dn());
        return created;
    }

    public List<UserRow> users(Caller caller) {
        return jdbc.tx("list users", users::all).stream().filter(u -> policy.maySeeUser(caller, u.uid())).toList();
    }

    /** The users the caller may see, as listed: with their credit (a volunteer sees their own) and their group's label. */
    public List<UserView> views(Caller caller) {
        Map<String, Double> credits = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        List<UserRow> rows = jdbc.tx("list users", c -> {
            credits.putAll(Credits.ofUsers(c));
            List<UserRow> all = users.all(c);
            labels.putAll(groups.labelsOf(c, all.stream().map(UserRow::usergroupUid).toList()));
            return all;
        });
        return rows.stream().filter(u -> policy.maySeeUser(caller, u.uid()))
                .map(u -> u.view().withCredit(credits.getOrDefault(u.uid(), 0.0)).withUsergroupLabel(labels.get(u.usergroupUid())))
                .toList();
    }

    public UserRow user(Caller caller, String uidOrLogin) {
        return jdbc.tx("find user", c -> {
            Optional<UserRow> byUid = users.byUid(c, uidOrLogin);
            return byUid.isPresent() ? byUid : users.byLogin(c, uidOrLogin);
        }).filter(u -> policy.maySeeUser(caller, u.uid())).orElseThrow(() ->
                new NotFound("not-found", "no user '" + uidOrLogin + "' visible to you; list them with xwusers"));
    }

    /** Marks the user deleted and revokes its tokens; its hosts' credentials die with it. */
    public void deleteUser(Caller caller, String uidOrLogin) {
        // Looked up first: a UID the caller cannot see is not found (xwrm tries each kind of object in
        // turn, and a mistyped UID must end "not found", not "only a SUPER_USER deletes users").
        UserRow user = user(caller, uidOrLogin);
        if (!policy.mayAdministerUsers(caller)) {
            throw new Forbidden("only a SUPER_USER deletes users");
        }
        if (user.uid().equals(caller.userUid())) {
            // A refusal by rights (403, xwrm exits 4), not a state conflict: no state of the account would allow it.
            throw new Forbidden("a SUPER_USER cannot delete its own account: that would shut you out at once and may"
                    + " leave the grid with no administrator; another SUPER_USER can delete " + user.login());
        }
        int revoked = jdbc.tx("delete user", c -> {
            if (!users.markDeleted(c, user.uid())) {
                throw new Conflict("user " + user.login() + " was deleted meanwhile");
            }
            return sessions.revokeAll(c, user.uid());
        });
        sessions.forgetUser(user.uid());
        LOG.info("{} deleted user {} ({} tokens revoked)", caller.login(), user.login(), revoked);
    }

    public UsergroupRow createGroup(Caller caller, UsergroupCreate request) {
        if (!policy.mayAdministerUsers(caller)) {
            throw new Forbidden("only a SUPER_USER creates user groups");
        }
        return jdbc.tx("create user group", c -> {
            if (groups.labelTaken(c, request.label())) {
                throw new Conflict("user group '" + request.label() + "' exists (or existed), perhaps spelt in other"
                        + " capitals (labels that differ only by case count as one); choose another label");
            }
            UsergroupRow row = new UsergroupRow(UUID.randomUUID().toString(), request.label(), caller.userUid(), clock.instant());
            groups.insert(c, row);
            return row;
        });
    }

    /** All groups for a SUPER_USER; the caller's own group for anybody else. */
    public List<UsergroupRow> groups(Caller caller) {
        return jdbc.tx("list user groups", groups::all).stream()
                .filter(g -> caller.isSuperUser() || g.uid().equals(caller.usergroupUid())).toList();
    }

    /** The user groups the caller may see, as listed: with the login of the user who created each. */
    public List<UsergroupView> groupViews(Caller caller) {
        List<UsergroupRow> rows = groups(caller);
        Map<String, String> logins = jdbc.tx("read owners' logins", c -> users.loginsOf(c, rows.stream().map(UsergroupRow::ownerUid).toList()));
        return rows.stream().map(g -> g.view().withOwnerLogin(logins.get(g.ownerUid()))).toList();
    }

    public UsergroupRow group(Caller caller, String uidOrLabel) {
        return jdbc.tx("find user group", c -> groups.byUidOrLabel(c, uidOrLabel))
                .filter(g -> caller.isSuperUser() || g.uid().equals(caller.usergroupUid()))
                .orElseThrow(() -> new NotFound("not-found", "no user group '" + uidOrLabel
                        + "' visible to you; list them with xwusergroups"));
    }

    public void deleteGroup(Caller caller, String uidOrLabel) {
        UsergroupRow group = group(caller, uidOrLabel); // not found before forbidden, as for users
        if (!policy.mayAdministerUsers(caller)) {
            throw new Forbidden("only a SUPER_USER deletes user groups");
        }
        jdbc.tx("delete user group", c -> {
            long members = users.membersOf(c, group.uid());
            if (members > 0) {
                throw new Conflict("user group '" + group.label() + "' still has " + members
                        + " members; delete them first");
            }
            return groups.markDeleted(c, group.uid());
        });
    }
}
