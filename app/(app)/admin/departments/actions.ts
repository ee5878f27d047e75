"use server";
import { defineAction } from "@/lib/auth/guard";
import { createDepartment, deleteDepartment, moveDepartment, updateDepartment } from "@/lib/departments/mutations";
import {
  createDepartmentSchema, deleteDepartmentSchema, moveDepartmentSchema, updateDepartmentSchema,
} from "@/lib/departments/schemas";

export const createDepartmentAction = defineAction("department:manage", createDepartmentSchema, (ctx, input) => createDepartment(ctx, input));

export const updateDepartmentAction = defineAction("department:manage", updateDepartmentSchema, (ctx, input) => updateDepartment(ctx, input));

export const moveDepartmentAction = defineAction("department:manage", moveDepartmentSchema, (ctx, input) => moveDepartment(ctx, input));

export const deleteDepartmentAction = defineAction("department:manage", deleteDepartmentSchema, (ctx, input) => deleteDepartment(ctx, input));
