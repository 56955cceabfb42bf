/**
 * Community health (docs/statistics.md, "Health"): each indicator's name, how it is computed (shown beside it) and a
 * suggested action when it is past its threshold; unit and direction words. In English and 简体中文 (written for
 * community operators, not translated word for word). `statsHealthZh` has exactly the same keys (the type checks it).
 * The webhook's alert text is the server's own (shared/rules/stats/health.ts, HEALTH_ALERT_NAMES).
 */
export const statsHealthEn = {
  interactionRate: {
    name: "Interaction rate",
    definition:
      "Interactions (chat, reactions, votes, questions, energy and the rest; joining and leaving do not count) divided by the minutes members spent inside, added up over everyone.",
    action: "Give people something easy to do early: open a poll or ask for a reaction in the first ten minutes, and invite questions out loud.",
  },
  interactedShare: {
    name: "Members who interacted",
    definition: "The share of attending members who did at least one thing besides joining and leaving: a chat line, a reaction, a vote, a question…",
    action: "Many people are watching quietly. Welcome newcomers by name and open a poll anyone can answer with one tap, so the first step is an easy one.",
  },
  questionAnswerRate: {
    name: "Question answer rate",
    definition: "Questions a host marked as answered, out of all the questions asked in the session.",
    action: "Keep five minutes near the end for open questions, or ask a co-host to watch the question list and mark answers as you go. Questions left over can be answered in the group chat afterwards.",
  },
  questionAnswerTime: {
    name: "Time to answer a question",
    definition: "The median time, in minutes, from a question being asked to a host first marking it answered.",
    action: "Answer short questions as they come instead of saving them all for the end, and take the most upvoted ones first.",
  },
  newMemberShare: {
    name: "New-member share",
    definition: "Members here for the first time (in no earlier session of any event), out of everyone who attended.",
    action: "Share the next session beyond the usual circle: a partner community, a poster with the QR code, or ask regulars to bring a friend.",
  },
  returningMemberShare: {
    name: "Returning-member share",
    definition: "Members who had been to an earlier session (of any event), out of everyone who attended.",
    action: "Thank people at the end and tell them when the next session is; send those who came a short recap with the date.",
  },
  averageDwell: {
    name: "Average dwell",
    definition: "The mean time a member spent inside, in minutes. A person's several stays (a reconnect, a second device) are merged first.",
    action: "Plan a moment worth staying for in the middle (a guest, a poll's result, a push for the tree's goal) and say at the start that it is coming.",
  },
  earlyLeaverShare: {
    name: "Early-leaver share",
    definition: "Members whose time inside added up to less than five minutes, out of everyone who attended.",
    action: "Make the first five minutes count: greet people as they arrive, say what the session holds and give them something to do right away.",
  },
  pollParticipation: {
    name: "Poll participation",
    definition: "For each poll, the members who voted or answered out of those present while it was open; then the mean over the session's polls.",
    action: "Keep polls short, with two to four clear options; announce each one out loud and leave it open for at least a minute.",
  },
  huntCompletionRate: {
    name: "Hunt completion rate",
    definition: "Members who found every clue, out of those who claimed at least one clue in the session.",
    action: "Look at the hunt's funnel for a clue where most people stop; make its hint clearer, or give everyone a small hint during the session.",
  },
  treeGoalReached: {
    name: "Tree goal reached",
    definition: "Whether the community tree grew to its goal during the session: yes or no.",
    action: "Tell everyone how close the tree is and what makes it grow; a shared push in the last quarter of an hour often gets it there. If it always falls far short, set a goal that fits the group.",
  },
  flaggedRate: {
    name: "Flagged-message rate",
    definition: "Chat lines flagged by the word filter or reported by members, per 100 chat lines.",
    action: "Restate the house rules kindly at the start and pin them; turn on slow mode for a while when the conversation runs hot.",
  },
  flagResponseTime: {
    name: "Flag response time",
    definition:
      "The median time, in minutes, from a line being flagged or reported to a host's first response to it (marked handled, a whisper, the line deleted, its author muted or removed).",
    action: "Name one moderator per session to watch the moderation queue; even a quick “handled” shows members that someone is looking after them.",
  },
  moderationPer100: {
    name: "Moderation actions per 100 members",
    definition: "Hosts' moderation acts (mute, remove, delete, whisper, slow mode, lock and the like) per 100 attending members.",
    action: "Look back at what called for so many interventions; restate the house rules at the start next time and add words that keep coming up to the filter.",
  },
  energyPerMember: {
    name: "Energy given per member",
    definition: "Energy members gave one another, divided by the members who attended.",
    action: "Show how to give energy (one tap on a name) and thank someone publicly with it; people follow an example.",
  },
  tierPromotions: {
    name: "Tier promotions per 100 members",
    definition: "Members who reached a tier (explorer, co-creator, evangelist) for the first time in this session, per 100 attending members.",
    action: "Tell people what the next tier asks for and give them ways to get there during the session: asking a question, voting, helping a newcomer find their way.",
  },
  chatPerMember: {
    name: "Chat lines per member",
    definition: "Chat lines sent in the session, divided by the members who attended.",
    action: "Ask an open question and give the chat a moment to answer; reply to the first messages by name, and others will join in.",
  },
  peakShare: {
    name: "Peak share",
    definition: "The most members inside at the same moment, out of everyone who attended at any time.",
    action: "People came and went without meeting. Give the main moment a set time, announce it in advance and remind people shortly before.",
  },
  checkInShare: {
    name: "Check-in share",
    definition: "In a session with a check-in, the members who checked in out of everyone who attended.",
    action: "Open the check-in once most people are inside, say so out loud, and leave it open for a few minutes.",
  },
  negativeShare: {
    name: "Negative-line share",
    definition: "Chat lines whose words lean negative (the same word lists as the hot words' sentiment), out of all chat lines.",
    action: "Acknowledge the concerns openly and kindly, then steer back to the topic; check in privately afterwards with anyone who seemed upset.",
  },
  speakers: {
    name: "Speakers",
    definition: "Members a host invited on stage to speak during the session.",
    action: "Invite a member on stage, even for two minutes: a story from someone in the community brings people closer than any slide.",
  },
  units: {
    share: "percent of members",
    minutes: "minutes",
    perMemberMinute: "per member-minute",
    perMember: "per member",
    per100: "per 100",
    count: "people",
    flag: "yes or no",
  },
  better: {
    higher: "Higher is healthier",
    lower: "Lower is healthier",
  },
};

export const statsHealthZh: typeof statsHealthEn = {
  interactionRate: {
    name: "互动频率",
    definition: "全场互动次数（聊天、表情、投票、提问、送能量等，进场和离场不算）除以所有成员在场分钟数之和，也就是平均每人每分钟互动几次。",
    action: "开场十分钟内就抛出一个轻松的投票，或者请大家用表情回应一下，再口头邀请大家随时提问，让第一次互动来得容易些。",
  },
  interactedShare: {
    name: "参与互动的人占比",
    definition: "到场成员中，至少互动过一次（发言、点表情、投票、提问……）的人所占的比例。进场、离场不算互动。",
    action: "不少朋友在默默旁观。主持人可以点名欢迎新朋友，再发起一个点一下就能参与的小投票，给大家一个轻松的开口机会。",
  },
  questionAnswerRate: {
    name: "提问回答率",
    definition: "本场被主持人标记为「已回答」的问题，占全部提问的比例。",
    action: "留出最后五分钟集中答疑，或者请一位协作主持专门照看提问列表，边答边标记。实在没来得及回答的，会后也可以在群里补上。",
  },
  questionAnswerTime: {
    name: "提问等待回答时长",
    definition: "从提出问题到主持人第一次标记回答，所用时间的中位数，单位是分钟。",
    action: "简单的问题随手就答，不必都攒到最后；点赞多的问题优先回答，让提问的朋友知道自己被看见了。",
  },
  newMemberShare: {
    name: "新朋友占比",
    definition: "第一次来（之前没参加过任何活动场次）的成员，占本场到场人数的比例。",
    action: "新面孔有点少。可以把下一场分享到合作社群、张贴带二维码的海报，或者请老朋友带一位新朋友一起来。",
  },
  returningMemberShare: {
    name: "老朋友回访占比",
    definition: "以前来过（参加过任一活动更早场次）的成员，占本场到场人数的比例。",
    action: "回来的老朋友不多。结束时记得感谢大家、预告下一场的时间，会后再给到场的朋友发一份简短回顾，附上下次的日期。",
  },
  averageDwell: {
    name: "平均停留时长",
    definition: "每位成员在场时间的平均值，单位是分钟。同一个人多次进出或多端同时在线，会先合并再计算。",
    action: "大家待得不久。可以在中段安排一个值得留下来的环节（嘉宾分享、公布投票结果、一起冲社区树目标），开场时就先预告。",
  },
  earlyLeaverShare: {
    name: "提前离开占比",
    definition: "在场时间加起来不到五分钟就离开的成员，占到场人数的比例。",
    action: "不少人刚进来就走了。开场五分钟很关键：热情打个招呼，说清楚今天有什么，马上给大家一件能参与的小事。",
  },
  pollParticipation: {
    name: "投票参与率",
    definition: "每个投票中，投了票或作答的人占投票开放期间在场人数的比例，再对本场所有投票取平均。",
    action: "投票尽量简短，两到四个清楚的选项就够；发起时口头提醒一声，至少开放一分钟，给大家留出时间。",
  },
  huntCompletionRate: {
    name: "寻宝完成率",
    definition: "本场领取过线索的成员中，找齐全部线索的人所占的比例。",
    action: "看看寻宝漏斗是不是卡在某一条线索上：把它的提示写得更清楚些，或者在活动中给大家放一条公开小提示。",
  },
  treeGoalReached: {
    name: "社区树达成目标",
    definition: "本场社区树有没有长到设定的目标：是或否。",
    action: "告诉大家社区树还差多少、怎样帮它长大，最后一刻钟一起冲一冲往往就够了；如果每次都差得远，可以按人数把目标调得合适些。",
  },
  flaggedRate: {
    name: "被标记消息比例",
    definition: "每 100 条聊天中，被过滤词标记或被成员举报的消息条数。",
    action: "开场时温和地重申一下交流约定并置顶；讨论比较激烈时，可以暂时打开慢速模式。",
  },
  flagResponseTime: {
    name: "标记处理用时",
    definition: "从消息被标记或举报，到主持人第一次处理（标为已处理、私信、删除消息、禁言或移出）所用时间的中位数，单位是分钟。",
    action: "每场指定一位管理员专门照看管理队列；哪怕先点一下「已处理」，也能让大家知道有人在用心照看这里。",
  },
  moderationPer100: {
    name: "每百人管理操作",
    definition: "主持人的管理操作（禁言、移出、删除、私信、慢速模式、锁定等）次数，按每 100 位到场成员折算。",
    action: "这场管理操作偏多。回头看看是什么引起的，下一场开场时重申约定，把反复出现的词加进过滤词表。",
  },
  energyPerMember: {
    name: "人均赠送能量",
    definition: "成员之间互相赠送的能量总数，除以本场到场人数。",
    action: "演示一下怎么送能量（点一下名字就行），主持人先公开给一位积极发言的朋友送上，大家很自然就会跟着做。",
  },
  tierPromotions: {
    name: "每百人晋级",
    definition: "本场第一次升到某个等级（探索者、共创者、布道者）的成员数，按每 100 位到场成员折算。",
    action: "提醒大家离下一个等级还差什么，并在活动里安排能做到的事：提一个问题、参与一次投票、带一位新朋友熟悉环境。",
  },
  chatPerMember: {
    name: "人均聊天条数",
    definition: "本场聊天消息总数，除以到场人数。",
    action: "抛出一个开放式的问题，然后稍等片刻；点名回应最先发言的几位朋友，其他人就更愿意开口了。",
  },
  peakShare: {
    name: "同时在场峰值占比",
    definition: "同一时刻在场人数的最高值，占本场所有到场人数的比例。",
    action: "大家来去时间错开，很少同时在场。给最重要的环节定一个明确的时间，提前预告，开始前再提醒一次。",
  },
  checkInShare: {
    name: "签到率",
    definition: "在设有签到的场次里，完成签到的成员占到场人数的比例。",
    action: "等大多数人到场后再开签到，口头提醒一声，并多开放几分钟。",
  },
  negativeShare: {
    name: "负面消息占比",
    definition: "聊天中情绪偏负面的消息（与热词情感分析用同一套词表判断）占全部聊天的比例。",
    action: "先真诚地回应大家的不满，再温和地把话题拉回来；对情绪明显不好的朋友，会后可以私下问候一声。",
  },
  speakers: {
    name: "上台发言人数",
    definition: "本场被主持人邀请上台发言的成员人数。",
    action: "邀请一位成员上台聊两分钟吧：社区里真实的故事，比任何幻灯片都更能拉近彼此的距离。",
  },
  units: {
    share: "占成员的百分比",
    minutes: "分钟",
    perMemberMinute: "次/人·分钟",
    perMember: "每人",
    per100: "每百",
    count: "人",
    flag: "是或否",
  },
  better: {
    higher: "越高越健康",
    lower: "越低越健康",
  },
};
