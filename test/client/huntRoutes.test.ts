import { describe, expect, it } from "vitest";
import { routeOf } from "../../client/routes.js";

describe("the hunt's addresses", () => {
  it("read a scanned code's token, the staff page, the editor and the print sheet", () => {
    expect(routeOf("/scan/c1.h1.k2.3.0.AbC-_9")).toEqual({ page: "scan", token: "c1.h1.k2.3.0.AbC-_9" });
    expect(routeOf("/scan/c1.x/")).toEqual({ page: "scan", token: "c1.x" });
    expect(routeOf("/redeem")).toEqual({ page: "redeem" });
    expect(routeOf("/redeem/")).toEqual({ page: "redeem" });
    expect(routeOf("/admin/hunt/demo")).toEqual({ page: "huntEditor", slug: "demo" });
    expect(routeOf("/admin/hunt/demo/sheet")).toEqual({ page: "huntSheet", slug: "demo" });
    expect(routeOf("/admin/hunt/demo/sheet/")).toEqual({ page: "huntSheet", slug: "demo" });
  });

  it("finds nothing in a token or slug that cannot be one", () => {
    expect(routeOf("/scan/a%20b")).toEqual({ page: "notFound" });
    expect(routeOf("/scan/%E0%A4%A")).toEqual({ page: "notFound" });
    expect(routeOf(`/scan/${"a".repeat(301)}`)).toEqual({ page: "notFound" });
    expect(routeOf("/scan/")).toEqual({ page: "notFound" });
    expect(routeOf("/admin/hunt/Not%20A%20Slug")).toEqual({ page: "notFound" });
    expect(routeOf("/admin/hunt/demo/print")).toEqual({ page: "notFound" });
    expect(routeOf("/redeem/x")).toEqual({ page: "notFound" });
  });
});
