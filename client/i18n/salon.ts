/**
 * The salon (stage, polls, quizzes, word clouds, debates, Q&A, check-ins, stage screen), in English and 简体中文.
 * One sub-object per part so that each part's strings live together; `salonZh` has exactly the same keys.
 */
export const salonEn = {
  title: "Salon",
};

type DeepStrings<T> = T extends string ? string : { [K in keyof T]: DeepStrings<T[K]> };
export const salonZh: DeepStrings<typeof salonEn> = {
  title: "沙龙",
};
