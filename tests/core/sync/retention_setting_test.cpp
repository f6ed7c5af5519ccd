// The retention policy as the office's setting (`setting/retention`, mutation set_retention): only the
// office sets it, each rule within its bounds and named when refused, each setting the next version,
// every role reads it, and the expiry applies the stored policy over the server's flags.
#include "alis/sync/retention.hpp"
#include "alis/sync/settings.hpp"
#include "fixture.hpp"

using namespace fixture;

TEST_CASE("only the office may set the retention policy; others are refused with the rule") {
    for (Role r : {Role::gp, Role::hospital, Role::municipality}) {
        PortalState s = region();
        const Outcome o = run(s, actor_of(r, 1), "set_retention", {{"retention", {{"ended_period_months", 36}}}});
        CHECK_FALSE(o.accepted);
        CHECK(has_problem(o, "name", "role_not_allowed"));
        CHECK(s.settings.empty());
    }
}

TEST_CASE("set_retention checks each rule on its bounds, names unknown fields, and bumps the version from the stored one") {
    PortalState s = region();
    // The bounds themselves are accepted, one past them refused, each by its field.
    for (const RetentionField& f : retention_fields()) {
        INFO(f.name);
        for (int bad : {f.min - 1, f.max + 1}) {
            PortalState t = region();
            const Outcome o = run(t, office(), "set_retention", {{"retention", {{f.name, bad}}}});
            CHECK_FALSE(o.accepted);
            CHECK(has_problem(o, std::string("args.retention.") + f.name, "out_of_range"));
        }
        for (int good : {f.min, f.max}) {
            PortalState t = region();
            REQUIRE(run(t, office(), "set_retention", {{"retention", {{f.name, good}}}}).accepted);
            CHECK(stored_retention_policy(t).*f.member == good);
        }
    }
    const Outcome unknown = run(s, office(), "set_retention", {{"retention", {{"struck_days", 60}}}});
    CHECK(has_problem(unknown, "args.retention.struck_days", "unknown_field"));
    CHECK(has_problem(run(s, office(), "set_retention", json::object()), "args.retention", "required"));
    CHECK_FALSE(run(s, office(), "set_retention", {{"retention", {{"ended_period_months", "36"}}}}).accepted);
    CHECK(s.settings.empty());

    // A client's version, day and user are ignored: the server sets them.
    const Outcome first = run(s, office(), "set_retention",
                              {{"retention", {{"ended_period_months", 36}, {"version", 41}, {"set_by", "someone"}}}}, {2026, 12, 2});
    REQUIRE(first.accepted);
    CHECK(first.changed == std::vector<RecordKey>{{RecordKind::setting, kRetentionId}});
    RetentionPolicy p = stored_retention_policy(s);
    CHECK(p.version == 1);
    CHECK(p.ended_period_months == 36);
    CHECK(p.struck_candidate_days == kKeepStruckCandidateDays);
    CHECK(p.set_on == Date{2026, 12, 2});
    CHECK(p.set_by == "u-office");
    CHECK(retention_note(p).nb == "Sletteregler versjon 1, satt 02.12.2026");
    REQUIRE(run(s, office(), "set_retention", {{"retention", {{"struck_candidate_days", 90}}}}).accepted);
    p = stored_retention_policy(s);
    CHECK(p.version == 2);
    CHECK(p.struck_candidate_days == 90);
    CHECK(p.ended_period_months == kKeepEndedPeriodMonths);  // a setting is whole: an omitted rule is its default
    // The weights' version is their own.
    CHECK(stored_score_weights(s).version == 0);
}

TEST_CASE("the stored policy wins over the flags; without one the flags apply") {
    PortalState s = region();
    RetentionPolicy flags;
    flags.ended_period_months = 6;  // the flags may go below the office's bounds (tests, a trial portal)
    CHECK(stored_retention_policy(s, flags) == flags);
    CHECK(retention_note(stored_retention_policy(s)).en == "Default rules (version 0): never set by the office");
    REQUIRE(run(s, office(), "set_retention", {{"retention", {{"ended_period_months", 12}}}}).accepted);
    CHECK(stored_retention_policy(s, flags).ended_period_months == 12);
    CHECK(stored_retention_policy(s, flags).version == 1);
}

TEST_CASE("the expiry under the stored policy: a period goes the day after its end plus the office's months") {
    PortalState s = region();  // p1 and p2 end 2027-07-31
    REQUIRE(run(s, office(), "set_retention", {{"retention", {{"ended_period_months", 12}}}}).accepted);
    const Date anniversary = add_months({2027, 7, 31}, 12);
    PortalState kept = s;
    expire_outdated(kept, anniversary, stored_retention_policy(kept));
    CHECK(kept.periods.count("p1"));
    expire_outdated(s, add_days(anniversary, 1), stored_retention_policy(s));
    CHECK_FALSE(s.periods.count("p1"));
}

TEST_CASE("a retention setting record: put_record checks it, it survives the state's JSON, every role's pull carries it") {
    PortalState s;
    Problems p;
    CHECK_FALSE(put_record(s, RecordKind::setting, {{"id", kRetentionId}, {"value", {{"struck_candidate_days", 5}}}}, p));
    CHECK(alis::testing::has_problem(p, "setting.value.struck_candidate_days", "out_of_range"));
    p.clear();
    REQUIRE(put_record(s, RecordKind::setting, {{"id", kRetentionId}, {"value", {{"version", 3}, {"struck_candidate_days", 60}}}}, p));
    const auto back = state_from_json(state_to_json(s), p);
    REQUIRE(back);
    CHECK(stored_retention_policy(*back).struck_candidate_days == 60);
    CHECK(stored_retention_policy(*back).version == 3);

    SyncServer server = region_server();
    REQUIRE(server.push(office(), {"c-office", {{1, "set_retention", {{"retention", {{"struck_candidate_days", 60}}}}}}}, kToday).applied ==
            std::vector<std::int64_t>{1});
    for (Role role : {Role::gp, Role::hospital, Role::municipality, Role::alis_office}) {
        const Actor a = actor_of(role, 2);
        INFO(to_string(role));
        const RetentionPolicy seen = stored_retention_policy(server.view_for(a));
        CHECK(seen.version == 1);
        CHECK(seen.struck_candidate_days == 60);
    }
}

TEST_CASE("a policy stored before the inactivity and audit rules existed reads them as their defaults") {
    PortalState s;
    Problems p;
    REQUIRE(put_record(s, RecordKind::setting,
                       {{"id", kRetentionId}, {"value", {{"version", 2}, {"struck_candidate_days", 60}, {"ended_period_months", 36}}}}, p));
    const RetentionPolicy old = stored_retention_policy(s);
    CHECK(old.version == 2);
    CHECK(old.inactive_profile_months == kInactiveProfileMonths);
    CHECK(old.inactive_account_months == kInactiveAccountMonths);
    CHECK(old.audit_years == kAuditYears);
    CHECK(kInactiveProfileMonths == 24);
    CHECK(kAuditYears == 5);
    // The office's form lists them with the others, each labelled in the three languages.
    int found = 0;
    for (const RetentionField& f : retention_fields()) {
        const std::string name = f.name;
        if (name != "inactive_profile_months" && name != "inactive_account_months" && name != "audit_years") continue;
        ++found;
        CHECK(f.label.nn.size() > 0);
        CHECK(f.deletes.en.size() > 0);
    }
    CHECK(found == 3);
}
