/**
 * Problems of a recorded AGM outcome in words (src/domain/binding.ts
 * validateApproval returns the code and its values): the status command's
 * `--approval` refusal, in English and Chinese. Pure (no React, no DOM).
 */
import type { ApprovalProblem } from '../../domain/binding';
import type { ApprovalRecord } from '../../domain/model';
import { defineMessages, type Locale, translateCode } from '../translate';

export const approvalIssueMessages = defineMessages({
  en: {
    'approval_unknown-resolution': 'unknown resolution "{resolution}"',
    'approval_before-announcement':
      '{resolution}: an outcome dated {date} is before the cap it decides ({cap}) was announced on {announcedOn}',
    'approval_before-meeting':
      '{resolution}: an outcome dated {date} is before the meeting date {meetingDate}; record the date of the meeting that voted (see its poll-results announcement)',
  },
  zh: {
    'approval_unknown-resolution': '未知决议“{resolution}”',
    'approval_before-announcement':
      '{resolution}：日期为{date}的表决结果早于其所决定的上限（{cap}）的公告日期{announcedOn}',
    'approval_before-meeting':
      '{resolution}：日期为{date}的表决结果早于会议日期{meetingDate}；请记录进行表决的会议日期（见其投票结果公告）',
  },
});

/** An approval problem in one language, naming the resolution and the dates. */
export function approvalProblemText(record: ApprovalRecord, p: ApprovalProblem, locale: Locale): string {
  switch (p.code) {
    case 'unknown-resolution':
      return translateCode(approvalIssueMessages, locale, 'approval_unknown-resolution', {
        resolution: p.resolutionId,
      });
    case 'before-announcement':
      return translateCode(approvalIssueMessages, locale, 'approval_before-announcement', {
        resolution: record.resolutionId,
        date: record.date,
        cap: p.capId,
        announcedOn: p.announcedOn,
      });
    case 'before-meeting':
      return translateCode(approvalIssueMessages, locale, 'approval_before-meeting', {
        resolution: record.resolutionId,
        date: record.date,
        meetingDate: p.meetingDate,
      });
  }
}
