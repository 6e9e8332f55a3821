package xtremweb.common.wire;

import xtremweb.common.model.UserRights;

/**
 * A user as listed by {@code GET /api/v1/users}; never carries a password or its hash. {@code dn}
 * is the subject of the certificate that logs this user in (canonical slash form), null when none.
 * {@code credit}: CPU seconds of the certified results their hosts computed (result certification).
 * {@code usergroupLabel} is the label of its user group in listings, for people to read (null elsewhere, or when none).
 */
public record UserView(String uid, String login, String email, UserRights rights, String usergroupUid, String dn,
                       Double credit, String usergroupLabel) {
    public UserView(String uid, String login, String email, UserRights rights, String usergroupUid) {
        this(uid, login, email, rights, usergroupUid, null);
    }

    public UserView(String uid, String login, String email, UserRights rights, String usergroupUid, String dn) {
        this(uid, login, email, rights, usergroupUid, dn, null);
    }

    public UserView(String uid, String login, String email, UserRights rights, String usergroupUid, String dn, Double credit) {
        this(uid, login, email, rights, usergroupUid, dn, credit, null);
    }

    /** This user with the credit of their hosts' certified results. */
    public UserView withCredit(double credits) {
        return new UserView(uid, login, email, rights, usergroupUid, dn, credits, usergroupLabel);
    }

    /** This user with the label of its user group. */
    public UserView withUsergroupLabel(String label) {
        return new UserView(uid, login, email, rights, usergroupUid, dn, credit, label);
    }
}
