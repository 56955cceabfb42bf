import { describe, expect, it } from "vitest";
import { routeOf } from "../../client/routes.js";

describe("the statistics pages' addresses", () => {
  it("opens the community, an event, a session and a comparison", () => {
    expect(routeOf("/admin/stats")).toEqual({ page: "stats" });
    expect(routeOf("/admin/stats/")).toEqual({ page: "stats" });
    expect(routeOf("/admin/stats/spring-salon")).toEqual({ page: "statsEvent", slug: "spring-salon" });
    expect(routeOf("/admin/stats/spring-salon/")).toEqual({ page: "statsEvent", slug: "spring-salon" });
    expect(routeOf("/admin/stats/spring-salon/session/3f2a-9b_c")).toEqual({ page: "statsSession", slug: "spring-salon", sessionId: "3f2a-9b_c" });
    expect(routeOf("/admin/stats/spring-salon/compare/aaa/bbb")).toEqual({ page: "statsCompare", slug: "spring-salon", a: "aaa", b: "bbb" });
    expect(routeOf("/admin/stats/spring-salon/compare/aaa/bbb/")).toEqual({ page: "statsCompare", slug: "spring-salon", a: "aaa", b: "bbb" });
  });

  it("leaves /admin and the hunt editor as they were", () => {
    expect(routeOf("/admin")).toEqual({ page: "admin" });
    expect(routeOf("/admin/hunt/spring-salon")).toEqual({ page: "huntEditor", slug: "spring-salon" });
  });

  it.each([
    "/admin/stats/Bad Slug!",
    "/admin/stats/%E0%A4%A",
    "/admin/stats/spring-salon/session",
    "/admin/stats/spring-salon/session/",
    "/admin/stats/spring-salon/session/a%2Fb",
    "/admin/stats/spring-salon/session/a.b",
    `/admin/stats/spring-salon/session/${"a".repeat(65)}`,
    "/admin/stats/spring-salon/session/abc/extra",
    "/admin/stats/spring-salon/compare/aaa",
    "/admin/stats/spring-salon/compare/aaa/b%20b",
    "/admin/stats/spring-salon/compare/aaa/bbb/ccc",
    "/admin/stats/spring-salon/other/aaa",
    "/admin/stats//session/aaa",
    "/admin/stats/spring-salon//",
  ])("does not find %s", (path) => {
    expect(routeOf(path)).toEqual({ page: "notFound" });
  });

  it("accepts a session id of 64 characters, the pattern's longest", () => {
    const id = "b".repeat(64);
    expect(routeOf(`/admin/stats/e1/session/${id}`)).toEqual({ page: "statsSession", slug: "e1", sessionId: id });
  });
});
