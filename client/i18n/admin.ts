/** The operator's /admin page, in English and 简体中文 (the same keys; `adminZh` is checked against `adminEn`). */
export const adminEn = {
  title: "Grove admin",
};

export const adminZh: { [K in keyof typeof adminEn]: string } = {
  title: "Grove 管理后台",
};
